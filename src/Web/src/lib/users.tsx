import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { api } from '../api/client';
import type { User } from '../api/types';
import { useServerEvents } from './events';

export interface UsersValue {
  users: User[];
  nameOf: (id: string) => string;
  reload: () => void;
  /** Reloads the member list once if any of these ids is unknown (e.g. a new colleague). */
  ensure: (ids: ReadonlyArray<string | null | undefined>) => void;
}

const UsersContext = createContext<UsersValue | null>(null);

export function UsersProvider({ children }: { children: ReactNode }) {
  const [users, setUsers] = useState<User[]>([]);
  const [loaded, setLoaded] = useState(false);
  const asked = useRef(new Set<string>());

  const reload = useCallback(() => {
    api.users().then((items) => {
      setUsers(items);
      setLoaded(true);
    }, () => setLoaded(true));
  }, []);

  useEffect(reload, [reload]);

  const byId = useMemo(() => new Map(users.map((u) => [u.id, u])), [users]);

  const nameOf = useCallback((id: string) => byId.get(id)?.displayName ?? 'Unknown user', [byId]);

  const ensure = useCallback((ids: ReadonlyArray<string | null | undefined>) => {
    if (!loaded) return;
    const unknown = ids.filter((id): id is string => !!id && !byId.has(id) && !asked.current.has(id));
    if (unknown.length === 0) return;
    unknown.forEach((id) => asked.current.add(id));
    reload();
  }, [byId, loaded, reload]);

  useServerEvents((event) => {
    if (event.type === 'reset') reload();
    else ensure([event.data.actorId]);
  });

  const value = useMemo(() => ({ users, nameOf, reload, ensure }), [users, nameOf, reload, ensure]);
  return <UsersContext.Provider value={value}>{children}</UsersContext.Provider>;
}

export function useUsers(): UsersValue {
  const value = useContext(UsersContext);
  if (!value) throw new Error('useUsers must be used inside <UsersProvider>');
  return value;
}
