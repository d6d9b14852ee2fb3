import type { Me } from '../api/types';
import { badgeText } from '../lib/inbox';
import type { Route } from '../lib/router';
import { paths } from '../lib/router';
import { useUnreadCount } from '../lib/useUnreadCount';

interface Props {
  me: Me;
  route: Route;
  onLogout: () => void;
}

export function Header({ me, route, onLogout }: Props) {
  const unread = badgeText(useUnreadCount());
  const cls = (active: boolean) => (active ? 'active' : undefined);
  return (
    <header className="app-header">
      <div className="container header-inner">
        <a className="brand" href={paths.inbox()}>
          Platform <span className="brand-org">{me.organization.name}</span>
        </a>
        <nav className="nav">
          <a href={paths.inbox()} className={cls(route.name === 'inbox')} data-testid="nav-inbox">
            Inbox{unread && <span className="count-badge" data-testid="inbox-count"
              aria-label={`${unread} unread`}>{unread}</span>}
          </a>
          <a href={paths.tasks()} className={cls(route.name === 'tasks' || route.name === 'task')}
            data-testid="nav-tasks">All my tasks</a>
          <a href={paths.lists()} className={cls(route.name === 'lists' || route.name === 'list')} data-testid="nav-lists">Lists</a>
          <a href={paths.calendar()} className={cls(route.name === 'calendar')} data-testid="nav-calendar">Calendar</a>
          <a href={paths.forms()} data-testid="nav-forms"
            className={cls(route.name === 'forms' || route.name === 'form' || route.name === 'formNew' || route.name === 'register')}>Forms</a>
          {me.isAdmin && <a href={paths.people()} className={cls(route.name === 'people')} data-testid="nav-people">People</a>}
          {me.isAdmin && (
            <a href={paths.catalogs()} className={cls(route.name === 'catalogs' || route.name === 'catalog')}
              data-testid="nav-catalogs">Catalogs</a>
          )}
          {me.isAdmin && (
            <a href={paths.cluster()} className={cls(route.name === 'cluster')} data-testid="nav-cluster">Cluster</a>
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
