import { useState } from 'react';
import { fileUrls } from '../api/files';
import type { AttachmentRef, StoredFile } from '../api/types';
import { extensionBadge, fileKind, formatSize, previewNote } from '../lib/files';
import { useFileInfos } from '../lib/useFileInfos';
import { FileViewer } from './FileViewer';

/** The files attached to one history entry; a click on one with a preview opens the viewer. */
export function AttachmentList({ attachments }: { attachments: readonly AttachmentRef[] }) {
  const infos = useFileInfos(attachments.map((a) => a.id));
  const [open, setOpen] = useState<number | null>(null);
  if (attachments.length === 0) return null;
  return (
    <>
      <ul className="attachments" data-testid="attachments">
        {attachments.map((a, index) => (
          <AttachmentCard key={a.id} file={a} info={infos[a.id]} onOpen={() => setOpen(index)} />
        ))}
      </ul>
      {open !== null && (
        <FileViewer files={attachments.map((a) => ({ file: a, info: infos[a.id] }))} start={open} onClose={() => setOpen(null)} />
      )}
    </>
  );
}

function AttachmentCard({ file, info, onOpen }: { file: AttachmentRef; info: StoredFile | undefined; onOpen: () => void }) {
  const [thumb, setThumb] = useState<'loading' | 'loaded' | 'broken'>('loading');
  const status = info?.preview.status;
  const ready = status === 'ready' && (info?.preview.pages ?? 0) > 0;
  const thumbnailUrl = ready && thumb !== 'broken' ? (info?.thumbnailUrl ?? fileUrls.thumbnail(file.id)) : null;
  const note = info ? previewNote(info.preview) : null;
  const visual = thumbnailUrl
    ? <img className={`attachment-thumbnail${fileKind(file.name, file.contentType) === 'image' ? '' : ' page-thumbnail'}`} src={thumbnailUrl} alt="" loading="lazy"
        data-testid="attachment-thumbnail" data-loaded={thumb === 'loaded'}
        onLoad={() => setThumb('loaded')} onError={() => setThumb('broken')} />
    : <span className={`file-badge kind-${fileKind(file.name, file.contentType)}`} aria-hidden="true">{extensionBadge(file.name)}</span>;
  return (
    <li className="attachment" data-testid="attachment" data-file-id={file.id} data-preview={status ?? 'unknown'}>
      {ready
        ? <button type="button" className="attachment-visual" onClick={onOpen} aria-label={`View ${file.name}`} data-testid="attachment-open">{visual}</button>
        : <span className="attachment-visual">{visual}</span>}
      <div className="attachment-info">
        {ready
          ? <button type="button" className="link-button attachment-name" onClick={onOpen} title={file.name}>{file.name}</button>
          : <span className="attachment-name" title={file.name}>{file.name}</span>}
        <span className="attachment-meta">
          {formatSize(file.length)}
          {' · '}
          <a href={info?.contentUrl ?? fileUrls.content(file.id)} download={file.name} data-testid="attachment-download">Download</a>
        </span>
        {status === 'pending' && <span className="attachment-note">Preparing preview…</span>}
        {note && <span className="attachment-note" data-testid="attachment-no-preview">{note}</span>}
      </div>
    </li>
  );
}
