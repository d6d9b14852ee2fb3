import { useEffect, useState } from 'react';

export type Route =
  | { name: 'inbox' }
  | { name: 'tasks' }
  | { name: 'calendar'; month: string | null }
  | { name: 'catalogs' }
  | { name: 'catalog'; id: string }
  | { name: 'task'; id: string }
  | { name: 'lists' }
  | { name: 'list'; id: string }
  | { name: 'forms' }
  | { name: 'formNew' }
  | { name: 'form'; id: string }
  /** `query`: the register's filters (lib/register.ts), without the leading `?`. */
  | { name: 'register'; id: string; query: string }
  | { name: 'people' }
  | { name: 'cluster' }
  | { name: 'login' }
  | { name: 'setup' }
  | { name: 'notFound' };

/** Maps a location hash (`#/tasks/42`) to a route. An empty hash is the inbox (the home page). */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/[?].*$/, '');
  const query = /[?](.*)$/.exec(hash)?.[1] ?? '';
  const parts = path.split('/').filter((p) => p !== '');
  const [first, second, third] = parts;
  if (parts.length === 0) return { name: 'inbox' };
  if (first === 'forms') {
    if (parts.length === 1) return { name: 'forms' };
    if (second === 'new' && parts.length === 2) return { name: 'formNew' };
    if (second && parts.length === 2) return { name: 'form', id: safeDecode(second) };
    if (second && third === 'register' && parts.length === 3) return { name: 'register', id: safeDecode(second), query };
    return { name: 'notFound' };
  }
  if (parts.length === 1 && (first === 'inbox' || first === 'tasks' || first === 'catalogs')) return { name: first };
  if (first === 'calendar' && parts.length <= 2) {
    return { name: 'calendar', month: second && /^\d{4}-\d{2}$/.test(second) ? second : null };
  }
  if (first === 'lists' && parts.length <= 2) return second ? { name: 'list', id: safeDecode(second) } : { name: 'lists' };
  if (first === 'catalogs' && second && parts.length === 2) return { name: 'catalog', id: safeDecode(second) };
  if (first === 'tasks' && second && parts.length === 2) {
    return { name: 'task', id: safeDecode(second) };
  }
  if (parts.length === 1 && (first === 'people' || first === 'cluster' || first === 'login' || first === 'setup')) {
    return { name: first };
  }
  return { name: 'notFound' };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export const paths = {
  inbox: () => '#/inbox',
  tasks: () => '#/tasks',
  calendar: (month?: string) => (month ? `#/calendar/${month}` : '#/calendar'),
  catalogs: () => '#/catalogs',
  catalog: (id: string) => `#/catalogs/${encodeURIComponent(id)}`,
  task: (id: string) => `#/tasks/${encodeURIComponent(id)}`,
  lists: () => '#/lists',
  list: (id: string) => `#/lists/${encodeURIComponent(id)}`,
  forms: () => '#/forms',
  newForm: () => '#/forms/new',
  form: (id: string) => `#/forms/${encodeURIComponent(id)}`,
  register: (id: string, query = '') => `#/forms/${encodeURIComponent(id)}/register${query ? `?${query}` : ''}`,
  people: () => '#/people',
  cluster: () => '#/cluster',
  login: () => '#/login',
  setup: () => '#/setup',
};

export function navigate(hash: string): void {
  if (window.location.hash !== hash) window.location.hash = hash;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
