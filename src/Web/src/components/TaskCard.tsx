import type { TaskDetails } from '../api/types';
import { describeDue } from '../lib/due';
import { fullTime, relativeTime } from '../lib/time';
import { useUsers } from '../lib/users';

interface Props {
  task: TaskDetails;
  busy: boolean;
  onEdit: () => void;
  onClose: () => void;
  onReopen: () => void;
}

/** The task as read: title, people, due, status and the server-rendered description. */
export function TaskCard({ task, busy, onEdit, onClose, onReopen }: Props) {
  const { nameOf } = useUsers();
  const due = describeDue(task);
  const closed = !!task.closedAt;
  return (
    <>
      <div className="task-heading">
        <h1 data-testid="task-title">{task.title}</h1>
        {closed && <span className="badge badge-closed" data-testid="task-closed">Closed</span>}
      </div>
      <p className="task-meta">
        Opened by {nameOf(task.authorId)}{' '}
        <time dateTime={task.createdAt} title={fullTime(task.createdAt)}>{relativeTime(task.createdAt)}</time>
        {' · '}{task.assigneeId ? `Responsible: ${nameOf(task.assigneeId)}` : 'Nobody responsible'}
        {' · '}<span data-testid="task-due-label">{due ? `Due ${due}` : 'No due date'}</span>
      </p>
      {task.descriptionHtml?.trim()
        // descriptionHtml is the server's sanitised Markdown rendering: the one place (with comments' textHtml) we inject HTML.
        ? <div className="task-description markdown" data-testid="task-description"
            dangerouslySetInnerHTML={{ __html: task.descriptionHtml }} />
        : task.description?.trim()
          ? <p className="task-description" data-testid="task-description">{task.description}</p>
          : <p className="muted">No description.</p>}
      <div className="actions">
        {!closed && (
          <button type="button" className="btn btn-secondary" data-testid="task-edit" onClick={onEdit} disabled={busy}>
            Edit
          </button>
        )}
        {closed
          ? <button type="button" className="btn btn-secondary" data-testid="task-reopen" onClick={onReopen} disabled={busy}>
              Reopen
            </button>
          : <button type="button" className="btn btn-secondary" data-testid="task-close" onClick={onClose} disabled={busy}>
              Close task
            </button>}
      </div>
    </>
  );
}
