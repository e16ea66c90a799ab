import assert from 'node:assert/strict';
import { forgeryProblem } from '../../src/http/admin-jobs';
import { ADMIN_KEY, useTestApp } from '../helpers/app';

describe('Agendash against cross-site request forgery', () => {
  const app = useTestApp();
  const basic = `Basic ${Buffer.from(`admin:${ADMIN_KEY}`).toString('base64')}`;
  const host = () => new URL(app().url).host;

  async function jobIds(): Promise<string[]> {
    const response = await fetch(`${app().url}/admin/jobs/api?limit=50`, { headers: { authorization: basic } });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { jobs: Array<{ job: { _id?: string; id?: string } }> };
    return body.jobs.map(({ job }) => String(job._id ?? job.id));
  }

  it('refuses a cross-site form POST carrying the browser’s Basic credentials', async () => {
    const ids = await jobIds();
    const forged: Array<Record<string, string>> = [
      { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'text/plain', origin: `http://${host()}` },
      { 'content-type': 'application/json', origin: 'https://evil.example' },
      { 'content-type': 'application/json' },
      { 'content-type': 'application/json', origin: `http://${host()}`, 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of forged) {
      const response = await fetch(`${app().url}/admin/jobs/api/jobs/resume`, {
        method: 'POST',
        headers: { authorization: basic, ...headers },
        body: headers['content-type'] === 'application/json' ? JSON.stringify({ jobIds: ids }) : `jobIds=${ids.join('&jobIds=')}`,
      });
      assert.equal(response.status, 403, JSON.stringify(headers));
      assert.match(((await response.json()) as { error: string }).error, /cross-site/);
    }
  });

  it('still serves the dashboard and its own same-origin JSON requests', async () => {
    const page = await fetch(`${app().url}/admin/jobs/`, { headers: { authorization: basic } });
    assert.equal(page.status, 200);
    const ids = await jobIds();
    const response = await fetch(`${app().url}/admin/jobs/api/jobs/pause`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/json', origin: `http://${host()}`, 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ jobIds: ids }),
    });
    assert.equal(response.status, 200, await response.text());
    const bearer = await fetch(`${app().url}/admin/jobs/api/jobs/resume`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ jobIds: ids }),
    });
    assert.equal(bearer.status, 200, 'a Bearer key is never sent by a browser on its own');
  });

  it('decides by method, credentials, content type and origin', () => {
    const json = { 'content-type': 'application/json; charset=utf-8', origin: 'http://h:1', host: 'h:1' };
    const cases: Array<[string, Record<string, string>, boolean, boolean]> = [
      ['GET', {}, true, false],
      ['POST', json, true, false],
      ['POST', { ...json, origin: 'https://h:1' }, true, false],
      ['POST', { ...json, origin: 'http://h:2' }, true, true],
      ['POST', { ...json, origin: 'null' }, true, true],
      ['POST', { ...json, 'content-type': 'application/jsonp' }, true, true],
      ['DELETE', { host: 'h:1' }, true, true],
      ['POST', { host: 'h:1' }, false, false],
    ];
    for (const [method, headers, viaBasic, refused] of cases) assert.equal(forgeryProblem({ method, headers }, viaBasic) !== null, refused, `${method} ${JSON.stringify(headers)}`);
  });
});
