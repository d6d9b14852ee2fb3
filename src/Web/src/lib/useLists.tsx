import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { listsApi } from '../api/lists';
import type { ListInfo } from '../api/lists';
import { useServerEvents } from './events';

export interface ListsValue {
  /** The lists I can see, flat (see `listTree`). */
  lists: ListInfo[];
  loaded: boolean;
  error: unknown;
  /** Fetches the lists again; resolves when they are on screen (or failed). */
  reload: () => Promise<void>;
  /** A list's name, or a neutral phrase for a list I cannot see (or one deleted since). */
  nameOf: (id: string) => string;
}

const ListsContext = createContext<ListsValue | null>(null);

/**
 * The lists I can see, shared by the lists pages, the task page and the history. There are no
 * events for lists, so they are fetched on sign-in, whenever a lists page opens, and after each
 * change made here.
 */
export function ListsProvider({ children }: { children: ReactNode }) {
  const [lists, setLists] = useState<ListInfo[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const seq = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const answer = await listsApi.lists();
      if (mine !== seq.current) return;
      setLists(answer.items);
      setError(null);
    } catch (e) {
      if (mine === seq.current) setError(e);
    } finally {
      if (mine === seq.current) setLoaded(true);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  useServerEvents((event) => {
    if (event.type === 'reset') void reload();
  });

  const byId = useMemo(() => new Map(lists.map((l) => [l.id, l])), [lists]);
  const nameOf = useCallback((id: string) => byId.get(id)?.name ?? 'a list you cannot see', [byId]);

  const value = useMemo(() => ({ lists, loaded, error, reload, nameOf }), [lists, loaded, error, reload, nameOf]);
  return <ListsContext.Provider value={value}>{children}</ListsContext.Provider>;
}

export function useLists(): ListsValue {
  const value = useContext(ListsContext);
  if (!value) throw new Error('useLists must be used inside <ListsProvider>');
  return value;
}
