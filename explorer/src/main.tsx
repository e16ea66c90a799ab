// GraphiQL 5's editors are Monaco, whose language services run in web workers; this import
// registers them as bundled worker files served from /explorer/assets (no CDN).
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

/** Same origin as the page: the explorer is served by the API server itself. */
const fetcher = createGraphiQLFetcher({ url: new URL('/graphql', window.location.href).toString() });

/** The Headers tab starts with the one header every request needs; paste the key after "Bearer ". */
const DEFAULT_HEADERS = JSON.stringify({ Authorization: 'Bearer ' }, null, 2);

const DEFAULT_QUERY = `# PaperRun reporting API. Put your API key in the Headers tab below, then run (Ctrl-Enter).
query FirstLook {
  organization { name timezone }
  campaigns { id name holdoutEnabled holdoutPercent }
}
`;

createRoot(document.getElementById('explorer')!).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} defaultHeaders={DEFAULT_HEADERS} defaultQuery={DEFAULT_QUERY} defaultEditorToolsVisibility="headers" shouldPersistHeaders={false} />
  </StrictMode>,
);
