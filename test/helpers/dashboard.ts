import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DASHBOARD_DIST } from '../../src/http/dashboard-routes';

/** `npm install` builds the dashboard (postinstall); a checkout without a build gets one here. */
export function ensureDashboardBuilt(): void {
  if (existsSync(path.join(DASHBOARD_DIST, 'index.html'))) return;
  execFileSync('npm', ['run', '--silent', 'build:dashboard'], { cwd: path.resolve(DASHBOARD_DIST, '../..'), stdio: 'ignore' });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The serious and critical axe-core violations of the page as it is now. axe is evaluated
 * through the DevTools protocol, which the page's Content-Security-Policy does not apply to.
 */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  // A string, not a function: the test code is type-checked without the DOM library.
  const violations = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)")) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export const SCREENSHOTS = path.resolve(__dirname, '../../docs/screenshots');
