import type { View } from '../../src/web/index.js';
import { onAuthRequired } from './api.js';
import { currentView, go, linkProps, useView } from './router.js';
import { logout, useSession } from './session.js';
import { Claims } from './views/claims.js';
import { DocumentPage } from './views/document.js';
import { EntityList, EntityPage } from './views/entity.js';
import { Explore } from './views/explore.js';
import { IncidentPage } from './views/incident.js';
import { Login } from './views/login.js';

function Header({ view }: { view: View }) {
  const { session } = useSession();
  const to = (route: View['route']) => linkProps({ ...view, route });
  const here = view.route.name;
  return (
    <header class="top">
      <a class="brand" {...to({ name: 'explore' })}>Dossier</a>
      <nav>
        <a class={here === 'explore' || here === 'incident' ? 'on' : ''} {...to({ name: 'explore' })}>Incidents</a>
        <a class={here === 'entities' || here === 'entity' ? 'on' : ''} {...to({ name: 'entities' })}>Entities</a>
        <a class={here === 'claims' ? 'on' : ''} {...to({ name: 'claims' })}>Claims</a>
      </nav>
      <div class="who">
        {session ? (
          <>
            <span class="user" data-role={session.role}>{session.name} · {session.role}</span>
            <button type="button" class="link" onClick={() => void logout()}>Log out</button>
          </>
        ) : (
          <a {...to({ name: 'login' })}>Log in</a>
        )}
      </div>
    </header>
  );
}

function Page({ view }: { view: View }) {
  const r = view.route;
  switch (r.name) {
    case 'explore':
      return <Explore view={view} />;
    case 'incident':
      return <IncidentPage view={view} route={r} />;
    case 'document':
      return <DocumentPage view={view} route={r} />;
    case 'entities':
      return <EntityList view={view} route={r} />;
    case 'entity':
      return <EntityPage view={view} route={r} />;
    case 'claims':
      return <Claims view={view} route={r} />;
    case 'login':
      return <Login view={view} />;
    case 'not-found':
      return <main class="page"><h1>Not found</h1><p>No page at {r.path}.</p></main>;
  }
}

// A server that needs a token even to read sends every page to the login first.
onAuthRequired(() => {
  const v = currentView();
  if (v.route.name !== 'login') go({ ...v, route: { name: 'login' } });
});

export function App() {
  const view = useView();
  return (
    <>
      <Header view={view} />
      <Page view={view} />
    </>
  );
}
