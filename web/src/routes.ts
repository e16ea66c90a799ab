import { useEffect, useState } from 'preact/hooks';

/** Hash routes, so the server serves one index.html and a reload keeps the page. */
export type Route =
  | { page: 'overview' }
  | { page: 'campaigns' }
  | { page: 'campaign'; id: string }
  | { page: 'planner' }
  | { page: 'funnels' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const campaign = /^\/campaigns\/([^/]+)$/.exec(path);
  if (campaign) return { page: 'campaign', id: decodeURIComponent(campaign[1]) };
  if (path === '/campaigns') return { page: 'campaigns' };
  if (path === '/planner') return { page: 'planner' };
  if (path === '/funnels') return { page: 'funnels' };
  return { page: 'overview' };
}

export function hrefOf(route: Route): string {
  switch (route.page) {
    case 'overview':
      return '#/';
    case 'campaign':
      return `#/campaigns/${encodeURIComponent(route.id)}`;
    default:
      return `#/${route.page}`;
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}
