import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../api/client';
import type { TaskDetails } from '../api/types';
import { dueForm, duePatch } from '../lib/due';
import { useSubmit } from '../lib/useSubmit';
import { useUsers } from '../lib/users';
import { DueEditor } from './DueEditor';
import { ErrorBox } from './ErrorBox';
import { Field } from './Field';

interface Props {
  onCreated: (task: TaskDetails) => void;
}

export function NewTaskForm({ onCreated }: Props) {
  const { users } = useUsers();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [assigneeId, setAssigneeId] = useState('');
  const [due, setDue] = useState(() => dueForm({}));
  const { busy, error, setError, run } = useSubmit();
  const sorted = [...users].sort((a, b) => a.displayName.localeCompare(b.displayName));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) {
      setError('Give the task a title.');
      return;
    }
    let dueFields;
    try {
      const d = duePatch(due);
      dueFields = d.dueDate ? { dueDate: d.dueDate }
        : d.dueAt ? { dueAt: d.dueAt, ...(d.durationMinutes ? { durationMinutes: d.durationMinutes } : {}) } : {};
    } catch (err) {
      setError((err as Error).message);
      return;
    }
    void run(async () => {
      const task = await api.createTask({
        ...dueFields,
        title: title.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        ...(assigneeId ? { assigneeId } : {}),
      });
      setTitle('');
      setDescription('');
      setAssigneeId('');
      setDue(dueForm({}));
      onCreated(task);
    });
  };

  return (
    <form className="card new-task" onSubmit={submit} noValidate>
      <h2>New task</h2>
      <ErrorBox error={error} testId="new-task-error" />
      <Field label="Title" htmlFor="new-task-title">
        <input id="new-task-title" data-testid="new-task-title" maxLength={200}
          value={title} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      <Field label="Description" htmlFor="new-task-description">
        <textarea id="new-task-description" data-testid="new-task-description" rows={3}
          value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <DueEditor idPrefix="new-task-due" value={due} onChange={setDue} />
      <div className="form-row">
        <Field label="Assignee" htmlFor="new-task-assignee">
          <select id="new-task-assignee" data-testid="new-task-assignee"
            value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)}>
            <option value="">Unassigned</option>
            {sorted.map((u) => <option key={u.id} value={u.id}>{u.displayName}</option>)}
          </select>
        </Field>
        <button type="submit" className="btn btn-primary" data-testid="new-task-submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create task'}
        </button>
      </div>
    </form>
  );
}
