import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import { ApiError } from '../api/problem';
import type { Comment, TaskDetails } from '../api/types';
import { CommentForm } from '../components/CommentForm';
import { CommentStream } from '../components/CommentStream';
import { ErrorBox } from '../components/ErrorBox';
import { useServerEvents } from '../lib/events';
import { withEntries } from '../lib/history';
import { paths } from '../lib/router';
import { fullTime, relativeTime } from '../lib/time';
import { useUsers } from '../lib/users';

export function TaskPage({ id }: { id: string }) {
  const { nameOf, ensure } = useUsers();
  const [task, setTask] = useState<TaskDetails | null>(null);
  const [error, setError] = useState<unknown>(null);
  const seq = useRef(0);

  const load = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const fresh = await api.task(id);
      if (mine !== seq.current) return;
      setTask(fresh);
      setError(null);
    } catch (e) {
      if (mine === seq.current) setError(e);
    }
  }, [id]);

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
    ensure([
      task.authorId, task.assigneeId, ...task.participantIds,
      ...task.comments.flatMap((c) => (c.kind === 'assigned' ? [c.authorId, c.text] : [c.authorId])),
    ]);
  }, [task, ensure]);

  const onPosted = (comment: Comment) => {
    setTask((t) => (t ? { ...t, comments: withEntries(t.comments, [comment]) } : t));
    void load();
  };

  if (error instanceof ApiError && error.status === 404) {
    return (
      <div className="page card">
        <h1>Task not found</h1>
        <p className="muted">It does not exist or you have no access to it.</p>
        <a href={paths.tasks()}>← Back to my tasks</a>
      </div>
    );
  }
  if (!task) {
    return <div className="page">{error ? <ErrorBox error={error} /> : <p className="muted">Loading…</p>}</div>;
  }

  return (
    <div className="page">
      <a className="back-link" href={paths.tasks()}>← My tasks</a>
      <ErrorBox error={error} />
      <article className="card task">
        <h1 data-testid="task-title">{task.title}</h1>
        <p className="task-meta">
          Opened by {nameOf(task.authorId)}{' '}
          <time dateTime={task.createdAt} title={fullTime(task.createdAt)}>{relativeTime(task.createdAt)}</time>
          {' · '}{task.assigneeId ? `Assigned to ${nameOf(task.assigneeId)}` : 'Unassigned'}
        </p>
        {task.description?.trim()
          ? <p className="task-description" data-testid="task-description">{task.description}</p>
          : <p className="muted">No description.</p>}
        <div className="participants" data-testid="task-participants">
          <span className="label">Participants</span>
          <ul className="chips">
            {task.participantIds.map((p) => <li key={p} className="chip">{nameOf(p)}</li>)}
          </ul>
        </div>
      </article>
      <section className="card">
        <h2>Activity</h2>
        <CommentStream comments={task.comments} />
        <CommentForm taskId={task.id} onPosted={onPosted} />
      </section>
    </div>
  );
}
