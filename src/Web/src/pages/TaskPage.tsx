import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import { listsApi } from '../api/lists';
import { ApiError } from '../api/problem';
import type { Comment, FormTemplate, TaskDetails, TaskPatch } from '../api/types';
import { CommentForm } from '../components/CommentForm';
import { CommentStream } from '../components/CommentStream';
import { ErrorBox } from '../components/ErrorBox';
import { FormPanel } from '../components/FormPanel';
import { RoutePanel } from '../components/RoutePanel';
import type { RouteAction } from '../components/RoutePanel';
import { ParticipantsBox } from '../components/ParticipantsBox';
import { SubscribersBox } from '../components/SubscribersBox';
import { TaskCard } from '../components/TaskCard';
import { TaskEditForm } from '../components/TaskEditForm';
import { TaskListsBox } from '../components/TaskListsBox';
import { useServerEvents } from '../lib/events';
import type { Draft } from '../lib/formValues';
import { valuesFromDraft } from '../lib/formValues';
import { peopleIn, withEntries } from '../lib/history';
import { inboxChanged } from '../lib/inboxSignal';
import { paths } from '../lib/router';
import { useLists } from '../lib/useLists';
import { useTaskChange } from '../lib/useTaskChange';
import { useUsers } from '../lib/users';

export function TaskPage({ id, meId }: { id: string; meId: string }) {
  const { ensure } = useUsers();
  const [task, setTask] = useState<TaskDetails | null>(null);
  const [error, setError] = useState<unknown>(null);
  /** The version the edit form was opened on: a save is based on it (If-Match), not on later live reloads. */
  const [editing, setEditing] = useState<{ version: number | undefined } | null>(null);
  const seq = useRef(0);
  /** The form task's pinned template version. */
  const [template, setTemplate] = useState<FormTemplate | null>(null);

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
  const lists = useLists();
  const reloadLists = lists.reload;

  // The "Lists" box offers the lists I can see: bring them up to date (lists have no live events).
  useEffect(() => {
    void reloadLists();
  }, [id, reloadLists]);

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

  const templateId = task?.form?.templateId;
  const templateVersion = task?.form?.templateVersion;
  useEffect(() => {
    if (!templateId) return;
    let live = true;
    api.form(templateId, templateVersion).then((t) => { if (live) setTemplate(t); }, (e: unknown) => { if (live) setError(e); });
    return () => { live = false; };
  }, [templateId, templateVersion]);

  useEffect(() => {
    if (!task) return;
    const route = task.form?.route;
    ensure([...(route?.steps.flatMap((s) => s.approvers.map((a) => a.userId)) ?? []),
      ...(template?.fields.filter((f) => f.type === 'person').map((f) => String(task.form?.values[f.code] ?? '')) ?? []),
      task.authorId, task.assigneeId, ...task.participantIds, ...task.subscriberIds, ...task.comments.flatMap(peopleIn)]);
  }, [task, template, ensure]);

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

  const saveForm = async (draft: Draft) => {
    if (!task?.form || !template) return false;
    const values = valuesFromDraft(template.fields, draft, task.form.values);
    if (Object.keys(values).length === 0) return true;
    const outcome = await change.run(() => api.editForm(id, values, task.version));
    return outcome === 'done' || outcome === 'stale';
  };

  const decide = async (action: RouteAction, text: string, step?: number) =>
    (await change.run(() => api.decide(id, action, task?.version, text || undefined, step))) === 'done';

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
        <SubscribersBox task={task} meId={meId} busy={change.busy}
          onAdd={(userId) => void change.run(() => api.addSubscribers(id, [userId]))}
          onRemove={(userId) => void change.run(() => api.removeSubscriber(id, userId))} />
        <TaskListsBox task={task} busy={change.busy}
          onAdd={(listId) => void change.run(() => listsApi.addTask(id, listId))}
          onRemove={(listId) => void change.run(() => listsApi.removeTask(id, listId))} />
      </article>
      {task.form && (
        <>
          <RoutePanel form={task.form} template={template} task={task} meId={meId} busy={change.busy} onDecide={decide} />
          <FormPanel form={task.form} template={template} busy={change.busy} closed={!!task.closedAt}
            error={change.error} onSave={saveForm} />
        </>
      )}
      <section className="card">
        <h2>Activity</h2>
        <CommentStream comments={task.comments} fields={task.form ? (template?.fields ?? []) : undefined} />
        <CommentForm taskId={task.id} onPosted={onPosted} />
      </section>
    </div>
  );
}
