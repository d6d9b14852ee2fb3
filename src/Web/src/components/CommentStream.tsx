import type { Comment } from '../api/types';
import { chronological, describeEntry } from '../lib/history';
import { fullTime, relativeTime } from '../lib/time';
import { useUsers } from '../lib/users';

export function CommentStream({ comments }: { comments: readonly Comment[] }) {
  const { nameOf } = useUsers();
  return (
    <ol className="stream" data-testid="comment-list">
      {chronological(comments).map((entry) => {
        const line = describeEntry(entry, nameOf);
        return (
          <li key={entry.id} className={`stream-item stream-${entry.kind}`} data-testid="comment-item"
            data-kind={entry.kind}>
            <div className="stream-head">
              <span className="stream-summary">{line.summary}</span>
              <time dateTime={entry.createdAt} title={fullTime(entry.createdAt)}>
                {relativeTime(entry.createdAt)}
              </time>
            </div>
            {line.body !== null && (entry.textHtml
              // textHtml is the server's sanitised Markdown rendering of the entry's text.
              ? <div className="stream-body markdown" dangerouslySetInnerHTML={{ __html: entry.textHtml }} />
              : <p className="stream-body plain">{line.body}</p>)}
            {line.spent && <p className="stream-spent">{line.spent}</p>}
          </li>
        );
      })}
    </ol>
  );
}
