import { useRef } from 'react';
import { formatSize } from '../lib/files';
import type { UploadItem } from '../lib/uploads';
import { progressPercent } from '../lib/uploads';
import type { NamedBlob } from '../lib/useUploads';
import { namedFiles } from '../lib/useUploads';

/** "Attach files" button over a hidden multi-file input. */
export function AttachButton({ testId, onFiles, disabled }: { testId: string; onFiles: (files: NamedBlob[]) => void; disabled?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="btn btn-secondary btn-small" disabled={disabled}
        onClick={() => input.current?.click()}>
        Attach files
      </button>
      <input ref={input} type="file" multiple className="sr-only" tabIndex={-1} aria-hidden="true"
        data-testid={testId} disabled={disabled}
        onChange={(e) => {
          const files = e.currentTarget.files;
          if (files && files.length > 0) onFiles(namedFiles(files));
          // Picking the same file again (after removing it) must fire change again.
          e.currentTarget.value = '';
        }} />
    </>
  );
}

/** The files being uploaded for a comment or a new task: progress, error, cancel/remove. */
export function UploadList({ items, onRemove }: { items: readonly UploadItem[]; onRemove: (key: string) => void }) {
  if (items.length === 0) return null;
  return (
    <ul className="upload-list" data-testid="upload-list">
      {items.map((item) => {
        const percent = progressPercent(item);
        return (
          <li key={item.key} className={`upload-item upload-${item.status}`} data-testid="upload-item" data-status={item.status}>
            <span className="upload-name" title={item.name}>{item.name}</span>
            <span className="upload-size">{formatSize(item.size)}</span>
            {item.status === 'uploading' && (
              <>
                <progress className="upload-progress" max={100} value={percent} aria-label={`Uploading ${item.name}`} />
                <span className="upload-percent">{percent}%</span>
              </>
            )}
            {item.status === 'done' && <span className="upload-done">Uploaded</span>}
            <button type="button" className="chip-remove" data-testid="upload-remove"
              aria-label={item.status === 'uploading' ? `Cancel the upload of ${item.name}` : `Remove ${item.name}`}
              title={item.status === 'uploading' ? 'Cancel' : 'Remove'}
              onClick={() => onRemove(item.key)}>×</button>
            {item.error && <p className="upload-error" role="alert" data-testid="upload-error">{item.error}</p>}
          </li>
        );
      })}
    </ul>
  );
}
