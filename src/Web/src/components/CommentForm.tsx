import { useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { api } from '../api/client';
import type { Comment } from '../api/types';
import { useSubmit } from '../lib/useSubmit';
import { ErrorBox } from './ErrorBox';

interface Props {
  taskId: string;
  onPosted: (comment: Comment) => void;
}

export function CommentForm({ taskId, onPosted }: Props) {
  const [text, setText] = useState('');
  const { busy, error, run } = useSubmit();

  const post = () => {
    if (!text.trim()) return;
    void run(async () => {
      const comment = await api.addComment(taskId, text.trim());
      setText('');
      onPosted(comment);
    });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    post();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      post();
    }
  };

  return (
    <form className="comment-form" onSubmit={submit} noValidate>
      <ErrorBox error={error} testId="comment-error" />
      <label htmlFor="comment-text" className="sr-only">Comment</label>
      <textarea id="comment-text" data-testid="comment-text" rows={3} placeholder="Write a comment…"
        value={text} onChange={(e) => setText(e.target.value)} onKeyDown={onKeyDown} />
      <div className="comment-actions">
        <small className="hint">Ctrl+Enter to send</small>
        <button type="submit" className="btn btn-primary" data-testid="comment-submit"
          disabled={busy || !text.trim()}>
          {busy ? 'Sending…' : 'Comment'}
        </button>
      </div>
    </form>
  );
}
