import { useState } from 'react';
import type { TaskDetails } from '../api/types';
import { listPath, listTree } from '../lib/lists';
import { paths } from '../lib/router';
import { useLists } from '../lib/useLists';
import { indent } from './lists/indent';
import './lists/lists.css';

interface Props {
  task: TaskDetails;
  busy: boolean;
  onAdd: (listId: string) => void;
  onRemove: (listId: string) => void;
}

/** The lists the task is in (of those I can see); it may be in several. */
export function TaskListsBox({ task, busy, onAdd, onRemove }: Props) {
  const { lists } = useLists();
  const [adding, setAdding] = useState('');
  // The server names only the lists I can see; sorted by path so the chips do not jump about between loads.
  const current = [...task.listIds].sort((a, b) => listPath(lists, a).localeCompare(listPath(lists, b)));
  const choices = listTree(lists).filter((r) => !current.includes(r.list.id));

  return (
    <div className="participants task-lists" data-testid="task-lists">
      <span className="label">Lists</span>
      <ul className="chips">
        {current.length === 0 && <li className="muted">In no list</li>}
        {current.map((id) => (
          <li key={id} className="chip" data-testid="task-list-chip">
            <a href={paths.list(id)}>{listPath(lists, id)}</a>
            <button type="button" className="chip-remove" aria-label={`Take out of ${listPath(lists, id)}`} title="Take out of this list"
              data-testid="task-list-remove" disabled={busy} onClick={() => onRemove(id)}>×</button>
          </li>
        ))}
      </ul>
      {choices.length > 0 && (
        <form className="participant-add" onSubmit={(e) => {
          e.preventDefault();
          if (adding) onAdd(adding);
          setAdding('');
        }}>
          <label htmlFor="task-list-add" className="sr-only">Add to a list</label>
          <select id="task-list-add" data-testid="task-list-add" value={adding} onChange={(e) => setAdding(e.target.value)}>
            <option value="">Add to a list…</option>
            {choices.map((r) => <option key={r.list.id} value={r.list.id}>{indent(r.depth)}{r.list.name}</option>)}
          </select>
          <button type="submit" className="btn btn-secondary" data-testid="task-list-add-submit" disabled={busy || !adding}>Add</button>
        </form>
      )}
    </div>
  );
}
