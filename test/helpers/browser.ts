import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/**
 * Headless Debian Chromium driven by playwright-core (no browser download is possible here).
 * `.ci/run` installs the `chromium` package when it is missing; CHROMIUM_PATH overrides the path.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // As root, Chromium needs --no-sandbox; /dev/shm is small in containers.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}

/**
 * A browser context whose network reaches only the given server origin: every other request
 * (a CDN, web fonts, the internet) is aborted and recorded, so a test proves the page works
 * offline and can assert that nothing left the machine.
 */
export async function offlineContext(browser: Browser, allowedOrigin: string): Promise<{ context: BrowserContext; blocked: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const blocked: string[] = [];
  const allowed = new URL(allowedOrigin).origin;
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === allowed) return route.continue();
    blocked.push(url);
    return route.abort('internetdisconnected');
  });
  return { context, blocked };
}

/**
 * Registers before/after hooks around one browser for the enclosing describe block. Without a
 * Chromium binary the block is skipped locally, and fails under REQUIRE_BROWSER=1 (CI sets it).
 */
export function useBrowser(): () => Browser {
  let browser: Browser | null = null;
  before(async function () {
    if (!chromiumAvailable()) {
      if (process.env.REQUIRE_BROWSER === '1') throw new Error(`Chromium not found at ${CHROMIUM_PATH} (REQUIRE_BROWSER=1)`);
      this.skip();
    }
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('browser not started');
    return browser;
  };
}
