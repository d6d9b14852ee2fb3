import { useState } from 'react';
import type { TaskDetails } from '../api/types';
import { canUnsubscribe, involvementOf, subscriberChoices } from '../lib/subscribers';
import { useUsers } from '../lib/users';

interface Props {
  task: TaskDetails;
  meId: string;
  busy: boolean;
  onAdd: (userId: string) => void;
  onRemove: (userId: string) => void;
}

/**
 * People who follow the task without taking part: it is in their task list and inbox, and they hear
 * about changes. Anyone who sees the task may follow it; participants also subscribe others.
 */
export function SubscribersBox({ task, meId, busy, onAdd, onRemove }: Props) {
  const { users, nameOf } = useUsers();
  const [adding, setAdding] = useState('');
  const me = involvementOf(task, meId);
  const others = subscriberChoices(task, users, meId);

  return (
    <div className="participants" data-testid="task-subscribers">
      <span className="label" title="Subscribers follow the task: they see it and hear about changes, but it is not their work.">
        Subscribers
      </span>
      <ul className="chips">
        {task.subscriberIds.length === 0 && <li className="muted">None</li>}
        {task.subscriberIds.map((s) => (
          <li key={s} className="chip" data-testid="subscriber">
            {nameOf(s)}
            {s !== meId && canUnsubscribe(task, s, meId) && (
              <button type="button" className="chip-remove" aria-label={`Unsubscribe ${nameOf(s)}`} title="Unsubscribe"
                data-testid="subscriber-remove" disabled={busy} onClick={() => onRemove(s)}>×</button>
            )}
          </li>
        ))}
      </ul>
      {me === 'viewer' && (
        <button type="button" className="btn btn-secondary btn-small" data-testid="task-follow" disabled={busy}
          title="Get this task in your task list and inbox, and hear about changes" onClick={() => onAdd(meId)}>Follow</button>
      )}
      {me === 'subscriber' && (
        <button type="button" className="btn btn-secondary btn-small" data-testid="task-unfollow" disabled={busy}
          onClick={() => onRemove(meId)}>Unfollow</button>
      )}
      {others.length > 0 && (
        <form className="participant-add" onSubmit={(e) => {
          e.preventDefault();
          if (adding) onAdd(adding);
          setAdding('');
        }}>
          <label htmlFor="subscriber-add" className="sr-only">Subscribe someone</label>
          <select id="subscriber-add" data-testid="subscriber-add" value={adding} onChange={(e) => setAdding(e.target.value)}>
            <option value="">Subscribe someone…</option>
            {others.map((u) => <option key={u.id} value={u.id}>{u.displayName}</option>)}
          </select>
          <button type="submit" className="btn btn-secondary" data-testid="subscriber-add-submit" disabled={busy || !adding}>Add</button>
        </form>
      )}
    </div>
  );
}
