import assert from 'node:assert/strict';
import { useTestApp } from '../helpers/app';
import { offlineContext, useBrowser } from '../helpers/browser';
import { makeCampaign, makeOrganization } from '../helpers/factories';

describe('offline explorer (GraphiQL at /explorer/)', function () {
  this.timeout(180_000);
  const app = useTestApp();
  const browser = useBrowser();

  it('loads with every other origin blocked, takes the Bearer key in the Headers tab, runs a query and shows the data', async () => {
    const org = await makeOrganization(app(), { name: 'Explorer Outdoor Co' });
    await makeCampaign(app(), org, { name: 'Spring catalogue' });
    const { context, blocked } = await offlineContext(browser(), app().url);
    const page = await context.newPage();
    const loaded: string[] = [];
    page.on('requestfinished', (request) => loaded.push(request.url()));
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    const response = await page.goto(`${app().url}/explorer/`);
    assert.equal(response?.status(), 200);
    await page.locator('.graphiql-container').waitFor({ timeout: 60_000 });
    // The operation editor has the FirstLook query; the Headers tab is open with "Bearer ".
    const headers = page.locator('.graphiql-editor-tool .graphiql-editor:visible');
    await headers.locator('.monaco-editor').waitFor({ timeout: 60_000 });
    await headers.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    // Typed key by key, as a person would: Monaco's auto-closed quotes and braces are typed over.
    await page.keyboard.type(JSON.stringify({ Authorization: `Bearer ${org.apiKey}` }));
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    await result.getByText('Spring catalogue').waitFor({ timeout: 60_000 });
    // Monaco renders spaces as non-breaking ones.
    const text = (await result.innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /Explorer Outdoor Co/);

    assert.deepEqual(blocked, [], 'the explorer needs nothing from another origin');
    assert.deepEqual(pageErrors, []);
    assert.ok(loaded.some((url) => /\/explorer\/assets\/.*worker.*\.js$/.test(url)), `Monaco's workers come from the server: ${loaded.join('\n')}`);
    await context.close();
  });

  it('is linked from the /graphql browser page', async () => {
    const response = await fetch(`${app().url}/graphql`, { headers: { accept: 'text/html' } });
    assert.match(await response.text(), /<a class="paperrun-explorer-link" href="\/explorer\/">/);
  });
});
