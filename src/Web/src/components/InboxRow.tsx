import type { InboxItem } from '../api/types';
import { describeDue } from '../lib/due';
import { reasonLabel } from '../lib/inbox';
import { paths } from '../lib/router';
import { fullTime, relativeTime } from '../lib/time';
import { useUsers } from '../lib/users';

interface Props {
  item: InboxItem;
  busy: boolean;
  onDone: () => void;
  onSnooze: () => void;
}

export function InboxRow({ item, busy, onDone, onSnooze }: Props) {
  const { nameOf } = useUsers();
  const due = describeDue({ dueDate: item.dueDate, dueAt: item.dueAt, durationMinutes: null });
  return (
    <li className={item.unread ? 'inbox-row unread' : 'inbox-row'} data-testid="inbox-item" data-unread={item.unread}>
      <span className={item.unread ? 'unread-dot' : 'unread-dot read'} aria-label={item.unread ? 'Unread' : 'Read'}
        data-testid={item.unread ? 'inbox-unread' : undefined} />
      <a href={paths.task(item.id)} className="inbox-link">
        <span className="task-row-title">{item.title}</span>
        <span className="task-row-meta">
          <span className={`reason reason-${item.reason}`} data-testid="inbox-reason">{reasonLabel(item.reason)}</span>
          <span>{item.assigneeId ? `Responsible: ${nameOf(item.assigneeId)}` : 'Nobody responsible'}</span>
          {due && <span>Due {due}</span>}
          <time dateTime={item.updatedAt} title={fullTime(item.updatedAt)}>{relativeTime(item.updatedAt)}</time>
        </span>
      </a>
      <span className="inbox-actions">
        <button type="button" className="btn btn-ghost" data-testid="inbox-done" disabled={busy} onClick={onDone}
          title="Remove from the inbox until something new happens">Done for now</button>
        <button type="button" className="btn btn-ghost" data-testid="inbox-snooze" disabled={busy} onClick={onSnooze}
          title="Hide until tomorrow 9:00">Snooze until tomorrow 9:00</button>
      </span>
    </li>
  );
}
