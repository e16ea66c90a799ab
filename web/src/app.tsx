import { useState } from 'preact/hooks';
import { CampaignPage } from './pages/campaign';
import { Campaigns } from './pages/campaigns';
import { Funnels } from './pages/funnels';
import { Overview } from './pages/overview';
import { Planner } from './pages/planner';
import { SignIn } from './pages/sign-in';
import { hrefOf, useRoute, type Route } from './routes';
import { forgetKey, readStoredKey, SessionContext, storeKey, type Session } from './session';
import type { ViewerQuery } from './generated/graphql';

const NAVIGATION: Array<{ route: Route; label: string }> = [
  { route: { page: 'overview' }, label: 'Overview' },
  { route: { page: 'campaigns' }, label: 'Campaigns' },
  { route: { page: 'planner' }, label: 'Holdout planner' },
  { route: { page: 'funnels' }, label: 'Funnels' },
];

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'overview':
      return <Overview />;
    case 'campaigns':
      return <Campaigns />;
    case 'campaign':
      return <CampaignPage id={route.id} />;
    case 'planner':
      return <Planner />;
    case 'funnels':
      return <Funnels />;
  }
}

interface SignedIn {
  apiKey: string;
  organization: ViewerQuery['organization'];
}

const ORGANIZATION_KEY = 'paperrun.organization';

/** The session survives a reload of the tab (sessionStorage), nothing longer. */
function restoreSession(): SignedIn | null {
  const apiKey = readStoredKey();
  const organization = sessionStorage.getItem(ORGANIZATION_KEY);
  return apiKey && organization ? { apiKey, organization: JSON.parse(organization) as ViewerQuery['organization'] } : null;
}

export function App() {
  const [signedIn, setSignedIn] = useState<SignedIn | null>(restoreSession);
  const [notice, setNotice] = useState<string | null>(null);
  const route = useRoute();
  if (!signedIn) {
    return (
      <SignIn
        notice={notice}
        onSignedIn={(apiKey, organization) => {
          storeKey(apiKey);
          sessionStorage.setItem(ORGANIZATION_KEY, JSON.stringify(organization));
          setNotice(null);
          setSignedIn({ apiKey, organization });
        }}
      />
    );
  }
  const session: Session = {
    ...signedIn,
    signOut(reason) {
      forgetKey();
      sessionStorage.removeItem(ORGANIZATION_KEY);
      setNotice(reason ?? null);
      setSignedIn(null);
    },
  };
  const active = route.page === 'campaign' ? 'campaigns' : route.page;
  return (
    <SessionContext.Provider value={session}>
      <a class="skip-link" href="#content">
        Skip to content
      </a>
      <header class="top-bar">
        <span class="brand">PaperRun</span>
        <nav aria-label="Pages">
          {NAVIGATION.map(({ route: target, label }) => (
            <a key={label} href={hrefOf(target)} aria-current={target.page === active ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
        <span class="organization">{signedIn.organization.name}</span>
        <button type="button" class="sign-out" onClick={() => session.signOut()}>
          Sign out
        </button>
      </header>
      <div id="content" class="content">
        <Page route={route} />
      </div>
    </SessionContext.Provider>
  );
}
