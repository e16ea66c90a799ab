import type { ApolloServerPlugin } from '@apollo/server';

const NONCE = /nonce=["']?([0-9a-f]+)/;

/** The link to the offline explorer, styled under the page's own CSP nonce. */
function explorerLinkHtml(nonce: string | undefined): string {
  const style = `
      .paperrun-explorer-link { position: fixed; z-index: 1000; right: 1rem; bottom: 1rem; padding: .5rem .8rem; border-radius: .4rem;
        background: #1f2937; color: #fff; font: 14px system-ui, sans-serif; text-decoration: none; box-shadow: 0 2px 8px rgba(0,0,0,.3); }`;
  return `
    <style${nonce ? ` nonce="${nonce}"` : ''}>${style}
    </style>
    <a class="paperrun-explorer-link" href="/explorer/">Offline explorer (GraphiQL, works without the internet) →</a>`;
}

/**
 * Apollo's landing page (Sandbox, loaded from Apollo's CDN) with a link to the server's own
 * GraphiQL at /explorer/, for browsers without the internet.
 */
export function withExplorerLink<T extends object>(landingPage: ApolloServerPlugin<T>): ApolloServerPlugin<T> {
  return {
    ...landingPage,
    async serverWillStart(service) {
      const listener = await landingPage.serverWillStart?.(service);
      if (!listener?.renderLandingPage) return listener;
      const render = listener.renderLandingPage.bind(listener);
      return {
        ...listener,
        async renderLandingPage() {
          const page = await render();
          const html = typeof page.html === 'string' ? page.html : await page.html();
          return { html: html.replace('<body>', `<body>${explorerLinkHtml(NONCE.exec(html)?.[1])}`) };
        },
      };
    },
  };
}
