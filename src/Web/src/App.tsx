import { useCallback, useEffect, useState } from 'react';
import { api } from './api/client';
import { setUnauthorizedHandler } from './api/http';
import { ApiError, problemMessages } from './api/problem';
import type { Me } from './api/types';
import { Header } from './components/Header';
import { serverEvents } from './lib/events';
import { navigate, paths, useRoute } from './lib/router';
import { ListsProvider } from './lib/useLists';
import { UsersProvider } from './lib/users';
import { CalendarPage } from './pages/CalendarPage';
import { CatalogPage } from './pages/CatalogPage';
import { CatalogsPage } from './pages/CatalogsPage';
import { ClusterPage } from './pages/ClusterPage';
import { FormDesignerPage } from './pages/FormDesignerPage';
import { FormsPage } from './pages/FormsPage';
import { InboxPage } from './pages/InboxPage';
import { ListsPage } from './pages/ListsPage';
import { LoginPage } from './pages/LoginPage';
import { PeoplePage } from './pages/PeoplePage';
import { RegisterPage } from './pages/RegisterPage';
import { SetupPage } from './pages/SetupPage';
import { TaskListPage } from './pages/TaskListPage';
import { TaskPage } from './pages/TaskPage';

type Session =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'setup' }
  | { status: 'anonymous'; notice?: string; email?: string }
  | { status: 'ready'; me: Me };

async function probe(): Promise<Session> {
  const setup = await api.setupStatus().catch(() => ({ setupRequired: false }));
  if (setup.setupRequired) return { status: 'setup' };
  try {
    return { status: 'ready', me: await api.me() };
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return { status: 'anonymous' };
    return { status: 'failed', error: e };
  }
}

export function App() {
  const route = useRoute();
  const [session, setSession] = useState<Session>({ status: 'loading' });

  const boot = useCallback(() => {
    setSession({ status: 'loading' });
    void probe().then(setSession);
  }, []);

  useEffect(boot, [boot]);

  useEffect(() => {
    setUnauthorizedHandler(() =>
      setSession((s) => (s.status === 'ready'
        ? { status: 'anonymous', notice: 'Your session has ended. Please sign in again.', email: s.me.email }
        : s)));
    return () => setUnauthorizedHandler(null);
  }, []);

  const ready = session.status === 'ready';
  useEffect(() => {
    if (!ready) return;
    serverEvents.connect();
    return () => serverEvents.close();
  }, [ready]);

  useEffect(() => {
    if (ready && (route.name === 'login' || route.name === 'setup')) navigate(paths.inbox());
  }, [ready, route.name]);

  const onLoggedIn = async () => {
    setSession({ status: 'ready', me: await api.me() });
  };

  const logout = async () => {
    await api.logout().catch(() => undefined);
    setSession({ status: 'anonymous', notice: 'You have been logged out.' });
    navigate(paths.login());
  };

  switch (session.status) {
    case 'loading':
      return <main className="auth-page"><p className="muted">Loading…</p></main>;
    case 'failed':
      return (
        <main className="auth-page">
          <div className="card auth-card">
            <h1>Platform is unavailable</h1>
            <p>{problemMessages(session.error, 'The server did not answer.').join(' ')}</p>
            <button type="button" className="btn btn-primary" onClick={boot}>Try again</button>
          </div>
        </main>
      );
    case 'setup':
      return <SetupPage onDone={(email) => setSession({
        status: 'anonymous', email, notice: 'Your organisation is ready. Sign in with the admin account.',
      })} />;
    case 'anonymous':
      return <LoginPage notice={session.notice} initialEmail={session.email} onLoggedIn={onLoggedIn} />;
    case 'ready':
      return (
        <UsersProvider>
          <ListsProvider>
            <Header me={session.me} route={route} onLogout={() => void logout()} />
            <main className="container">
              {route.name === 'task' ? <TaskPage key={route.id} id={route.id} meId={session.me.id} />
                : route.name === 'tasks' ? <TaskListPage />
                : route.name === 'lists' || route.name === 'list'
                  ? <ListsPage id={route.name === 'list' ? route.id : null} me={session.me} />
                : route.name === 'calendar' ? <CalendarPage month={route.month} />
                : route.name === 'catalogs' ? <CatalogsPage me={session.me} />
                : route.name === 'catalog' ? <CatalogPage key={route.id} id={route.id} me={session.me} />
                : route.name === 'forms' ? <FormsPage me={session.me} />
                : route.name === 'formNew' ? <FormDesignerPage key="new" id={null} me={session.me} />
                : route.name === 'form' ? <FormDesignerPage key={route.id} id={route.id} me={session.me} />
                : route.name === 'register' ? <RegisterPage key={route.id} id={route.id} query={route.query} />
                : route.name === 'people' ? <PeoplePage me={session.me} />
                : route.name === 'cluster' ? <ClusterPage />
                : route.name === 'notFound' ? <p className="page muted">There is nothing here. <a href={paths.inbox()}>Go to the inbox</a>.</p>
                : <InboxPage />}
            </main>
          </ListsProvider>
        </UsersProvider>
      );
  }
}
