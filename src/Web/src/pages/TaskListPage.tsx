import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import type { TaskDetails } from '../api/types';
import { ErrorBox } from '../components/ErrorBox';
import { NewTaskForm } from '../components/NewTaskForm';
import { TaskRow } from '../components/TaskRow';
import { useServerEvents } from '../lib/events';
import { paths } from '../lib/router';
import { appendPage, emptyTaskList, prependTask, refreshFirstPage, summaryOf } from '../lib/taskList';
import type { TaskListState } from '../lib/taskList';

/** The new-task form and all my tasks; `embedded` when it is part of the inbox page. */
export function TaskListPage({ embedded = false }: { embedded?: boolean }) {
  const [list, setList] = useState<TaskListState>(emptyTaskList);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<TaskDetails | null>(null);
  const seq = useRef(0);

  /** Loads the first page; `keepMore` keeps already loaded older pages (live refresh). */
  const refresh = useCallback(async (keepMore: boolean) => {
    const mine = ++seq.current;
    try {
      const page = await api.tasks(null);
      if (mine !== seq.current) return;
      setList((s) => refreshFirstPage(keepMore ? s : emptyTaskList, page));
      setError(null);
    } catch (e) {
      if (mine === seq.current) setError(e);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void refresh(false);
  }, [refresh]);

  useServerEvents((event) => {
    void refresh(event.type !== 'reset');
  });

  const loadMore = async () => {
    if (!list.nextCursor || loadingMore) return;
    setLoadingMore(true);
    const mine = seq.current;
    try {
      const page = await api.tasks(list.nextCursor);
      if (mine === seq.current) setList((s) => appendPage(s, page));
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  };

  const onCreated = (task: TaskDetails) => {
    setCreated(task);
    setList((s) => prependTask(s, summaryOf(task)));
  };

  return (
    <div className={embedded ? 'page-part' : 'page'}>
      <NewTaskForm onCreated={onCreated} />
      {created && (
        <div className="alert alert-info" role="status">
          Created “{created.title}”. <a href={paths.task(created.id)}>Open it</a>
        </div>
      )}
      <section className="card">
        <h2>All my tasks</h2>
        <ErrorBox error={error} />
        <ul className="task-list" data-testid="task-list" aria-busy={loading}>
          {list.items.map((task) => <TaskRow key={task.id} task={task} />)}
        </ul>
        {loading && <p className="muted">Loading…</p>}
        {!loading && !error && list.items.length === 0 && (
          <p className="muted empty">No tasks yet. Create one above, or wait until someone assigns you one.</p>
        )}
        {list.nextCursor && (
          <button type="button" className="btn btn-secondary btn-block" onClick={() => void loadMore()}
            disabled={loadingMore} data-testid="load-more">
            {loadingMore ? 'Loading…' : 'Load more'}
          </button>
        )}
      </section>
    </div>
  );
}
