import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import { useServerEvents } from './events';
import { unreadCount } from './inbox';
import { useInboxChanged } from './inboxSignal';

/** Unread tasks in my inbox (first 200), refreshed on live events and local read changes. */
export function useUnreadCount(): number {
  const [count, setCount] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(() => {
    api.inbox(null, 200).then((page) => setCount(unreadCount(page.items)), () => undefined);
  }, []);

  /** Live events come in bursts (one per history entry): refresh once per burst. */
  const soon = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(load, 400);
  }, [load]);

  useEffect(() => {
    load();
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [load]);
  useServerEvents(soon);
  useInboxChanged(soon);
  return count;
}
