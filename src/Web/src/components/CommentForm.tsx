import { useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { api } from '../api/client';
import type { Comment, User } from '../api/types';
import { activeMention, insertMention, suggestPeople } from '../lib/mentions';
import { canSend, sendBlocker, uploadedIds } from '../lib/uploads';
import type { ActiveMention } from '../lib/mentions';
import { useSubmit } from '../lib/useSubmit';
import { pasteHandler, useFileDrop, useUploads } from '../lib/useUploads';
import { useUsers } from '../lib/users';
import { ErrorBox } from './ErrorBox';
import { MentionSuggestions } from './MentionSuggestions';
import { AttachButton, UploadList } from './UploadList';

interface Props {
  taskId: string;
  onPosted: (comment: Comment) => void;
}

export function CommentForm({ taskId, onPosted }: Props) {
  const { users } = useUsers();
  const [text, setText] = useState('');
  const [spent, setSpent] = useState('');
  const [mention, setMention] = useState<ActiveMention | null>(null);
  const [active, setActive] = useState(0);
  const box = useRef<HTMLTextAreaElement>(null);
  const { busy, error, setError, run } = useSubmit();
  const suggestions = mention ? suggestPeople(users, mention.query) : [];
  const uploads = useUploads();
  const drop = useFileDrop(uploads.add);
  const blocker = sendBlocker(uploads.items);
  const sendable = canSend(text, uploads.items);

  const post = () => {
    if (!sendable) return;
    const minutes = spent.trim() === '' ? undefined : Number(spent);
    if (minutes !== undefined && (!Number.isInteger(minutes) || minutes < 1)) {
      setError('Spent time is a whole number of minutes.');
      return;
    }
    void run(async () => {
      const attachments = uploadedIds(uploads.items);
      const comment = await api.addComment(taskId, text.trim(), minutes, attachments);
      setText('');
      uploads.sent(attachments);
      setSpent('');
      setMention(null);
      onPosted(comment);
    });
  };

  const track = (value: string, caret: number) => {
    const next = activeMention(value, caret);
    setMention(next);
    if (next?.query !== mention?.query) setActive(0);
  };

  const pick = (user: User) => {
    const el = box.current;
    if (!mention || !el) return;
    const result = insertMention(text, mention, el.selectionStart, user);
    setText(result.text);
    setMention(null);
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(result.caret, result.caret);
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (suggestions.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setActive((i) => (i + step + suggestions.length) % suggestions.length);
        return;
      }
      if ((e.key === 'Enter' || e.key === 'Tab') && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        const choice = suggestions[Math.min(active, suggestions.length - 1)];
        if (choice) pick(choice);
        return;
      }
      if (e.key === 'Escape') {
        setMention(null);
        return;
      }
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      post();
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    post();
  };

  return (
    <form className={`comment-form drop-zone${drop.dragging ? ' dragging' : ''}`} onSubmit={submit} noValidate
      data-testid="comment-form" {...drop.handlers}>
      <ErrorBox error={error} testId="comment-error" />
      <label htmlFor="comment-text" className="sr-only">Comment</label>
      <div className="mention-anchor">
        <textarea id="comment-text" data-testid="comment-text" rows={3} ref={box}
          placeholder="Write a comment… Type @ to mention someone; drop or paste files to attach them."
          value={text} onKeyDown={onKeyDown} onBlur={() => setMention(null)}
          onChange={(e) => {
            setText(e.target.value);
            track(e.target.value, e.target.selectionStart);
          }}
          onSelect={(e) => track(e.currentTarget.value, e.currentTarget.selectionStart)}
          onPaste={pasteHandler(uploads.add)} />
        <MentionSuggestions people={suggestions} active={active} onPick={pick} />
        {drop.dragging && <div className="drop-hint" aria-hidden="true">Drop files to attach them</div>}
      </div>
      <UploadList items={uploads.items} onRemove={uploads.remove} />
      <div className="comment-actions">
        <AttachButton testId="comment-attach" onFiles={uploads.add} disabled={busy} />
        <label className="spent" htmlFor="comment-spent">
          Spent, min
          <input id="comment-spent" type="number" min={1} data-testid="comment-spent" placeholder="optional"
            value={spent} onChange={(e) => setSpent(e.target.value)} />
        </label>
        <small className="hint" data-testid="comment-hint">{blocker ?? 'Ctrl+Enter to send'}</small>
        <button type="submit" className="btn btn-primary" data-testid="comment-submit"
          disabled={busy || !sendable}>
          {busy ? 'Sending…' : 'Comment'}
        </button>
      </div>
    </form>
  );
}
