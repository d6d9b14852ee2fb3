import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import type { InboxItem } from '../api/types';
import { useServerEvents } from '../lib/events';
import { tomorrowAt9, unreadCount, withoutItem } from '../lib/inbox';
import { inboxChanged } from '../lib/inboxSignal';
import { ErrorBox } from './ErrorBox';
import { InboxRow } from './InboxRow';

/** What needs me now; refreshed live. "Done for now" and "Snooze" remove an item right away. */
export function InboxSection() {
  const [items, setItems] = useState<InboxItem[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const page = await api.inbox(null);
      if (mine !== seq.current) return;
      setItems(page.items);
      setNextCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      if (mine === seq.current) setError(e);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load();
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [load]);

  useServerEvents(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void load(), 300);
  });

  const loadMore = async () => {
    if (!nextCursor) return;
    try {
      const page = await api.inbox(nextCursor);
      setItems((list) => [...list, ...page.items.filter((i) => !list.some((x) => x.id === i.id))]);
      setNextCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    }
  };

  const act = async (id: string, action: () => Promise<void>) => {
    setBusyId(id);
    try {
      await action();
      seq.current++; // a refresh started before the action must not bring the item back
      setItems((list) => withoutItem(list, id));
      inboxChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusyId(null);
    }
  };

  const unread = unreadCount(items);
  return (
    <section className="card">
      <h2>Inbox {unread > 0 && <span className="count-badge">{unread} unread</span>}</h2>
      <ErrorBox error={error} />
      <ul className="inbox-list" data-testid="inbox-list" aria-busy={loading}>
        {items.map((item) => (
          <InboxRow key={item.id} item={item} busy={busyId === item.id}
            onDone={() => void act(item.id, () => api.doneForNow(item.id))}
            onSnooze={() => void act(item.id, () => api.snooze(item.id, tomorrowAt9().toISOString()))} />
        ))}
      </ul>
      {loading && <p className="muted">Loading…</p>}
      {!loading && !error && items.length === 0 && (
        <p className="muted empty" data-testid="inbox-empty">Nothing needs you right now.</p>
      )}
      {nextCursor && (
        <button type="button" className="btn btn-secondary btn-block" onClick={() => void loadMore()}>Load more</button>
      )}
    </section>
  );
}
