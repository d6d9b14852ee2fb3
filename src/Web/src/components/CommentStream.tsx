import type { Comment, FormFieldDef } from '../api/types';
import { chronological, describeEntry, stepsBefore } from '../lib/history';
import { fullTime, relativeTime } from '../lib/time';
import { useLists } from '../lib/useLists';
import { useUsers } from '../lib/users';
import { AttachmentList } from './AttachmentList';

export function CommentStream({ comments, fields }: { comments: readonly Comment[]; fields?: readonly FormFieldDef[] }) {
  const { nameOf } = useUsers();
  const { nameOf: listName } = useLists();
  const ordered = chronological(comments);
  const steps = stepsBefore(ordered);
  return (
    <ol className="stream" data-testid="comment-list">
      {ordered.map((entry) => {
        const line = describeEntry(entry, nameOf, { fields, step: fields ? steps.get(entry.id) : undefined, listName });
        return (
          <li key={entry.id} className={`stream-item stream-${entry.kind}`} data-testid="comment-item"
            data-kind={entry.kind}>
            <div className="stream-head">
              <span className="stream-summary">{line.summary}</span>
              <time dateTime={entry.createdAt} title={fullTime(entry.createdAt)}>
                {relativeTime(entry.createdAt)}
              </time>
            </div>
            {line.body && (entry.textHtml
              // textHtml is the server's sanitised Markdown rendering of the entry's text.
              ? <div className="stream-body markdown" dangerouslySetInnerHTML={{ __html: entry.textHtml }} />
              : <p className="stream-body plain">{line.body}</p>)}
            {line.spent && <p className="stream-spent">{line.spent}</p>}
            {entry.attachments && entry.attachments.length > 0 && <AttachmentList attachments={entry.attachments} />}
          </li>
        );
      })}
    </ol>
  );
}
