import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import { ApiError } from '../api/problem';
import type { Comment, TaskDetails, TaskPatch } from '../api/types';
import { CommentForm } from '../components/CommentForm';
import { CommentStream } from '../components/CommentStream';
import { ErrorBox } from '../components/ErrorBox';
import { ParticipantsBox } from '../components/ParticipantsBox';
import { TaskCard } from '../components/TaskCard';
import { TaskEditForm } from '../components/TaskEditForm';
import { useServerEvents } from '../lib/events';
import { peopleIn, withEntries } from '../lib/history';
import { inboxChanged } from '../lib/inboxSignal';
import { paths } from '../lib/router';
import { useTaskChange } from '../lib/useTaskChange';
import { useUsers } from '../lib/users';

export function TaskPage({ id }: { id: string }) {
  const { ensure } = useUsers();
  const [task, setTask] = useState<TaskDetails | null>(null);
  const [error, setError] = useState<unknown>(null);
  /** The version the edit form was opened on: a save is based on it (If-Match), not on later live reloads. */
  const [editing, setEditing] = useState<{ version: number | undefined } | null>(null);
  const seq = useRef(0);

  /** Loads the task and marks it read: the user is looking at it (also after live updates). */
  const load = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const fresh = await api.task(id);
      if (mine !== seq.current) return;
      setTask(fresh);
      setError(null);
      api.markRead(id).then(inboxChanged, () => undefined);
    } catch (e) {
      if (mine === seq.current) setError(e);
    }
  }, [id]);

  const change = useTaskChange(load);

  useEffect(() => {
    setTask(null);
    setError(null);
    void load();
  }, [load]);

  useServerEvents((event) => {
    if (event.type === 'reset' || (event.type === 'task.commented' && event.data.taskId === id)) {
      void load();
    }
  });

  useEffect(() => {
    if (!task) return;
    ensure([task.authorId, task.assigneeId, ...task.participantIds, ...task.comments.flatMap(peopleIn)]);
  }, [task, ensure]);

  const onPosted = (comment: Comment) => {
    setTask((t) => (t ? { ...t, comments: withEntries(t.comments, [comment]) } : t));
    void load();
  };

  const save = (patch: TaskPatch) => {
    // On success the form closes; on 412 too — the notice says why and the fresh task is shown.
    void change.run(() => api.editTask(id, patch, editing ? editing.version : task?.version)).then((outcome) => {
      if (outcome === 'done' || outcome === 'stale') setEditing(null);
    });
  };

  if (error instanceof ApiError && error.status === 404) {
    return (
      <div className="page card">
        <h1>Task not found</h1>
        <p className="muted">It does not exist or you have no access to it.</p>
        <a href={paths.inbox()}>← Back to the inbox</a>
      </div>
    );
  }
  if (!task) {
    return <div className="page">{error ? <ErrorBox error={error} /> : <p className="muted">Loading…</p>}</div>;
  }

  return (
    <div className="page">
      <nav className="back-links">
        <a className="back-link" href={paths.inbox()}>← Inbox</a>
        <a className="back-link" href={paths.tasks()}>All my tasks</a>
      </nav>
      <ErrorBox error={error} />
      {change.notice && <div className="alert alert-info" role="status" data-testid="task-stale">{change.notice}</div>}
      <ErrorBox error={change.error} testId="task-error" />
      <article className="card task">
        {editing !== null
          ? <TaskEditForm task={task} busy={change.busy} onSave={save} onCancel={() => setEditing(null)} />
          : <TaskCard task={task} busy={change.busy} onEdit={() => setEditing({ version: task.version })}
              onClose={() => void change.run(() => api.closeTask(id, task.version))}
              onReopen={() => void change.run(() => api.reopenTask(id, task.version))} />}
        <ParticipantsBox task={task} busy={change.busy}
          onAdd={(userId) => void change.run(() => api.addParticipants(id, [userId]))}
          onRemove={(userId) => void change.run(() => api.removeParticipant(id, userId))} />
      </article>
      <section className="card">
        <h2>Activity</h2>
        <CommentStream comments={task.comments} />
        <CommentForm taskId={task.id} onPosted={onPosted} />
      </section>
    </div>
  );
}
