import type { Me } from '../api/types';
import type { Route } from '../lib/router';
import { paths } from '../lib/router';

interface Props {
  me: Me;
  route: Route;
  onLogout: () => void;
}

export function Header({ me, route, onLogout }: Props) {
  const onTasks = route.name === 'tasks' || route.name === 'task';
  return (
    <header className="app-header">
      <div className="container header-inner">
        <a className="brand" href={paths.tasks()}>
          Platform <span className="brand-org">{me.organization.name}</span>
        </a>
        <nav className="nav">
          <a href={paths.tasks()} className={onTasks ? 'active' : undefined}>Tasks</a>
          {me.isAdmin && (
            <a href={paths.people()} className={route.name === 'people' ? 'active' : undefined}>People</a>
          )}
          {me.isAdmin && (
            <a href={paths.cluster()} className={route.name === 'cluster' ? 'active' : undefined}
              data-testid="nav-cluster">Cluster</a>
          )}
        </nav>
        <div className="header-user">
          <span className="current-user" data-testid="current-user" title={me.email}>{me.displayName}</span>
          {me.isAdmin && <span className="badge">Admin</span>}
          <button type="button" className="btn btn-ghost" data-testid="logout" onClick={onLogout}>
            Log out
          </button>
        </div>
      </div>
    </header>
  );
}
