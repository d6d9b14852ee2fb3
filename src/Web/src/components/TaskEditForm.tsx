import { useState } from 'react';
import type { FormEvent } from 'react';
import type { TaskDetails, TaskPatch } from '../api/types';
import { dueForm, duePatch, sameDue } from '../lib/due';
import { useUsers } from '../lib/users';
import { DueEditor } from './DueEditor';
import { ErrorBox } from './ErrorBox';
import { Field } from './Field';

interface Props {
  task: TaskDetails;
  busy: boolean;
  onSave: (patch: TaskPatch) => void;
  onCancel: () => void;
}

/** Edits title, description (Markdown), responsible and due; sends only what changed. */
export function TaskEditForm({ task, busy, onSave, onCancel }: Props) {
  const { users } = useUsers();
  const [title, setTitle] = useState(task.title);
  const [description, setDescription] = useState(task.description ?? '');
  const [assigneeId, setAssigneeId] = useState(task.assigneeId ?? '');
  const [due, setDue] = useState(() => dueForm(task));
  const [problem, setProblem] = useState<string | null>(null);
  const sorted = [...users].sort((a, b) => a.displayName.localeCompare(b.displayName));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) {
      setProblem('Give the task a title.');
      return;
    }
    const patch: TaskPatch = {};
    if (title.trim() !== task.title) patch.title = title.trim();
    if (description !== (task.description ?? '')) patch.description = description;
    if (assigneeId !== (task.assigneeId ?? '')) patch.assigneeId = assigneeId || null;
    try {
      const next = duePatch(due);
      if (!sameDue(task, next)) {
        Object.assign(patch, next.dueAt ? { dueAt: next.dueAt, durationMinutes: next.durationMinutes }
          : { dueDate: next.dueDate, dueAt: null });
      }
    } catch (err) {
      setProblem((err as Error).message);
      return;
    }
    setProblem(null);
    if (Object.keys(patch).length === 0) onCancel();
    else onSave(patch);
  };

  return (
    <form className="task-edit" onSubmit={submit} noValidate>
      <ErrorBox error={problem} />
      <Field label="Title" htmlFor="task-edit-title">
        <input id="task-edit-title" data-testid="task-edit-title" maxLength={200}
          value={title} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      <Field label="Description" htmlFor="task-edit-description" hint="Markdown: **bold**, _italic_, lists, links. The preview appears after saving.">
        <textarea id="task-edit-description" data-testid="task-edit-description" rows={6}
          value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <Field label="Responsible" htmlFor="task-edit-assignee">
        <select id="task-edit-assignee" data-testid="task-edit-assignee"
          value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)}>
          <option value="">Nobody</option>
          {sorted.map((u) => <option key={u.id} value={u.id}>{u.displayName}</option>)}
        </select>
      </Field>
      <DueEditor idPrefix="task-due" dateTestId="task-due" value={due} onChange={setDue} />
      <div className="actions">
        <button type="submit" className="btn btn-primary" data-testid="task-save" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={busy}>Cancel</button>
      </div>
    </form>
  );
}
