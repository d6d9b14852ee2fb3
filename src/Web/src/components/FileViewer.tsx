import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { fileUrls } from '../api/files';
import type { AttachmentRef, StoredFile } from '../api/types';
import { canStep, pageLabel, step } from '../lib/viewer';
import type { ViewerPosition } from '../lib/viewer';

interface Props {
  files: readonly { file: AttachmentRef; info: StoredFile | undefined }[];
  start: number;
  onClose: () => void;
}

const pagesOf = (info: StoredFile | undefined) => (info?.preview.status === 'ready' ? info.preview.pages : 0);

/**
 * Full-window viewer of a comment's attachments: the rendered page images (`/pages/{n}`), ←/→ through the pages
 * and on to the next file, Esc to close. Files without a preview are shown with the reason and a download button.
 */
export function FileViewer({ files, start, onClose }: Props) {
  const [at, setAt] = useState<ViewerPosition>({ index: start, page: 1 });
  const [loaded, setLoaded] = useState<string | null>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const pages = files.map((f) => pagesOf(f.info));
  const current = files[at.index];

  const go = (delta: 1 | -1) => setAt((p) => step(pages, p, delta));
  // The key handler lives as long as the viewer; it reads the latest state through this ref.
  const keys = useRef({ go, onClose });
  keys.current = { go, onClose };

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const overflow = document.body.style.overflow;
    document.body.style.overflow = 'hidden';
    dialog.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') keys.current.onClose();
      else if (e.key === 'ArrowRight') keys.current.go(1);
      else if (e.key === 'ArrowLeft') keys.current.go(-1);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.body.style.overflow = overflow;
      previous?.focus();
    };
  }, []);

  // Fetch the next page while this one is read, so paging feels immediate.
  const ahead = step(pages, at, 1);
  const aheadFile = files[ahead.index];
  const aheadUrl = aheadFile && (pages[ahead.index] ?? 0) > 0 && (ahead.index !== at.index || ahead.page !== at.page)
    ? fileUrls.page(aheadFile.file.id, ahead.page) : null;
  useEffect(() => {
    if (aheadUrl) new Image().src = aheadUrl;
  }, [aheadUrl]);

  if (!current) return null;
  const { file, info } = current;
  const count = pages[at.index] ?? 0;
  const src = count > 0 ? fileUrls.page(file.id, at.page) : null;
  const label = count > 0 ? pageLabel(at.page, count, info?.preview.pageCount ?? null) : null;
  const reason = info?.preview.status === 'pending' ? 'The preview is still being prepared.'
    : info?.preview.reason ?? 'There is no preview for this file.';

  // On <body>: the viewer covers the window whatever list it was opened from.
  return createPortal(
    <div className="viewer-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) onClose(); }}>
      <div className="viewer" role="dialog" aria-modal="true" aria-label={`${file.name} — viewer`} tabIndex={-1} ref={dialog}
        data-testid="file-viewer">
        <header className="viewer-head">
          <span className="viewer-name" data-testid="viewer-name" title={file.name}>{file.name}</span>
          {files.length > 1 && <span className="viewer-files">File {at.index + 1} of {files.length}</span>}
          <a className="btn btn-secondary btn-small" href={info?.contentUrl ?? fileUrls.content(file.id)} download={file.name}
            data-testid="viewer-download">Download</a>
          <button type="button" className="btn btn-ghost btn-small" onClick={onClose} data-testid="viewer-close"
            aria-label="Close the viewer (Esc)">✕</button>
        </header>
        <div className="viewer-stage">
          {src
            ? <img key={src} src={src} alt={label ? `${file.name}, ${label.toLowerCase()}` : file.name} className="viewer-page"
                data-testid="viewer-page" data-loaded={loaded === src} onLoad={() => setLoaded(src)} />
            : <p className="viewer-no-preview" data-testid="viewer-no-preview">{reason}</p>}
        </div>
        <footer className="viewer-foot">
          <button type="button" className="btn btn-secondary btn-small" onClick={() => go(-1)} disabled={!canStep(pages, at, -1)}
            data-testid="viewer-prev" aria-label="Previous (←)">←</button>
          <span className="viewer-page-label" data-testid="viewer-page-label" aria-live="polite">{label ?? ''}</span>
          <button type="button" className="btn btn-secondary btn-small" onClick={() => go(1)} disabled={!canStep(pages, at, 1)}
            data-testid="viewer-next" aria-label="Next (→)">→</button>
        </footer>
      </div>
    </div>,
    document.body,
  );
}
