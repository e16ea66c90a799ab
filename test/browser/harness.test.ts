import assert from 'node:assert/strict';
import { offlineContext, useBrowser } from '../helpers/browser';
import { useTestApp } from '../helpers/app';

describe('browser harness', function () {
  this.timeout(120_000);
  const app = useTestApp();
  const browser = useBrowser();

  it('loads a page of the server and blocks every other origin', async () => {
    const { context, blocked } = await offlineContext(browser(), app().url);
    const page = await context.newPage();
    const response = await page.goto(`${app().url}/healthz`);
    assert.equal(response?.status(), 200);
    const outside = await page.evaluate(() => fetch('https://example.com/').then(() => 'reached', () => 'blocked'));
    assert.equal(outside, 'blocked');
    assert.deepEqual(blocked, ['https://example.com/']);
    await context.close();
  });
});
