import { useCallback, useEffect, useRef, useState } from 'react';
import { listsApi } from '../../api/lists';
import { appendPage, emptyTaskList, refreshFirstPage } from '../../lib/taskList';
import type { TaskListState } from '../../lib/taskList';
import { ErrorBox } from '../ErrorBox';
import { TaskRow } from '../TaskRow';

interface Props {
  listId: string;
  /** Offers "Include nested lists" (the tasks of every list below this one too). */
  hasNested: boolean;
  pageSize?: number;
}

/** The list's tasks, most recent activity first, a page at a time (the API's keyset cursor). */
export function ListTasks({ listId, hasNested, pageSize = 50 }: Props) {
  const [wantNested, setWantNested] = useState(false);
  // Once the last nested list is gone (moved or deleted) there is nothing to include.
  const includeNested = hasNested && wantNested;
  const [state, setState] = useState<TaskListState>(emptyTaskList);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const seq = useRef(0);

  const load = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const page = await listsApi.tasks(listId, null, pageSize, includeNested);
      if (mine !== seq.current) return;
      setState(refreshFirstPage(emptyTaskList, page));
      setError(null);
    } catch (e) {
      if (mine === seq.current) setError(e);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [listId, pageSize, includeNested]);

  useEffect(() => {
    void load();
  }, [load]);

  const loadMore = async () => {
    if (!state.nextCursor || loadingMore) return;
    setLoadingMore(true);
    const mine = seq.current;
    try {
      const page = await listsApi.tasks(listId, state.nextCursor, pageSize, includeNested);
      if (mine === seq.current) setState((s) => appendPage(s, page));
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <section aria-label="Tasks in this list">
      <div className="list-tasks-head">
        <h2>Tasks</h2>
        {hasNested && (
          <label className="checkbox">
            <input type="checkbox" data-testid="list-tasks-nested" checked={wantNested}
              onChange={(e) => setWantNested(e.target.checked)} />
            Include nested lists
          </label>
        )}
      </div>
      <ErrorBox error={error} />
      <ul className="task-list" data-testid="list-tasks" aria-busy={loading}>
        {state.items.map((task) => <TaskRow key={task.id} task={task} />)}
      </ul>
      {loading && state.pages === 0 && <p className="muted">Loading…</p>}
      {!loading && !error && state.items.length === 0 && (
        <p className="muted empty" data-testid="list-tasks-empty">
          {includeNested ? 'No tasks in this list or the lists nested in it yet.' : 'No tasks in this list yet.'}
          {' '}Open a task and add it to a list under “Lists”.
        </p>
      )}
      {state.nextCursor && (
        <button type="button" className="btn btn-secondary btn-block" data-testid="list-tasks-more" disabled={loadingMore}
          onClick={() => void loadMore()}>{loadingMore ? 'Loading…' : 'Load more'}</button>
      )}
    </section>
  );
}
