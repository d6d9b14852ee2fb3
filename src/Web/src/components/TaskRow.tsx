import type { TaskSummary } from '../api/types';
import { describeDue } from '../lib/due';
import { navigate, paths } from '../lib/router';
import { fullTime, relativeTime } from '../lib/time';
import { useUsers } from '../lib/users';

export function TaskRow({ task }: { task: TaskSummary }) {
  const { nameOf } = useUsers();
  const href = paths.task(task.id);
  const due = describeDue({ dueDate: task.dueDate ?? null, dueAt: task.dueAt ?? null, durationMinutes: null });
  return (
    <li className="task-row" data-testid="task-list-item" onClick={() => navigate(href)}>
      <a href={href} className="task-row-link" onClick={(e) => e.stopPropagation()}>
        <span className="task-row-title">{task.title}</span>
        <span className="task-row-meta">
          <span>{task.assigneeId ? `Assigned to ${nameOf(task.assigneeId)}` : 'Unassigned'}</span>
          {task.closedAt && <span className="badge badge-closed">Closed</span>}
          {due && <span>Due {due}</span>}
          <span>{task.commentCount === 1 ? '1 comment' : `${task.commentCount} comments`}</span>
          <time dateTime={task.updatedAt} title={fullTime(task.updatedAt)}>
            {relativeTime(task.updatedAt)}
          </time>
        </span>
      </a>
    </li>
  );
}
