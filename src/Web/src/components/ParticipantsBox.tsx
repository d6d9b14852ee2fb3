import { useState } from 'react';
import type { TaskDetails } from '../api/types';
import { useUsers } from '../lib/users';

interface Props {
  task: TaskDetails;
  busy: boolean;
  onAdd: (userId: string) => void;
  onRemove: (userId: string) => void;
}

/** Who takes part; the author and the responsible person cannot be removed. */
export function ParticipantsBox({ task, busy, onAdd, onRemove }: Props) {
  const { users, nameOf } = useUsers();
  const [adding, setAdding] = useState('');
  const fixed = new Set([task.authorId, task.assigneeId]);
  const others = users
    .filter((u) => !task.participantIds.includes(u.id))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));

  return (
    <div className="participants" data-testid="task-participants">
      <span className="label">Participants</span>
      <ul className="chips">
        {task.participantIds.map((p) => (
          <li key={p} className="chip" data-testid="participant">
            {nameOf(p)}
            {!fixed.has(p) && (
              <button type="button" className="chip-remove" aria-label={`Remove ${nameOf(p)}`} title="Remove"
                data-testid="participant-remove" disabled={busy} onClick={() => onRemove(p)}>×</button>
            )}
          </li>
        ))}
      </ul>
      {others.length > 0 && (
        <form className="participant-add" onSubmit={(e) => {
          e.preventDefault();
          if (adding) onAdd(adding);
          setAdding('');
        }}>
          <label htmlFor="participant-add" className="sr-only">Add a participant</label>
          <select id="participant-add" data-testid="participant-add" value={adding}
            onChange={(e) => setAdding(e.target.value)}>
            <option value="">Add someone…</option>
            {others.map((u) => <option key={u.id} value={u.id}>{u.displayName}</option>)}
          </select>
          <button type="submit" className="btn btn-secondary" data-testid="participant-add-submit"
            disabled={busy || !adding}>Add</button>
        </form>
      )}
    </div>
  );
}
