import { ApiError, problemMessages } from '../api/problem';
import type { FilePreview } from '../api/types';

const units = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** "0 B", "512 B", "1.5 KB", "12 KB", "3.4 MB" (binary multiples, as file managers show them). */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  let value = bytes;
  let unit = 0;
  while (unit < units.length - 1 && value >= 1024) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${bytes} B`;
  let shown = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  // 1023.7 KB rounds to 1024 KB: say 1 MB instead.
  if (shown >= 1024 && unit < units.length - 1) {
    shown = 1;
    unit++;
  }
  return `${shown} ${units[unit]}`;
}

/** The extension in capitals for a file-type badge ("PDF", "DOCX"), or "FILE" when the name has none. */
export function extensionBadge(name: string): string {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1) : '';
  if (ext === '' || ext.length > 5 || !/^[a-z0-9]+$/i.test(ext)) return 'FILE';
  return ext.toUpperCase();
}

export type FileKind = 'image' | 'pdf' | 'document' | 'spreadsheet' | 'presentation' | 'archive' | 'audio' | 'video' | 'other';

const byExtension: Record<string, FileKind> = {
  pdf: 'pdf',
  doc: 'document', docx: 'document', odt: 'document', rtf: 'document', txt: 'document', md: 'document',
  xls: 'spreadsheet', xlsx: 'spreadsheet', ods: 'spreadsheet', csv: 'spreadsheet',
  ppt: 'presentation', pptx: 'presentation', odp: 'presentation',
  zip: 'archive', rar: 'archive', '7z': 'archive', gz: 'archive', tar: 'archive',
};

/** A coarse kind for the badge colour: the content type first, then the extension. */
export function fileKind(name: string, contentType: string): FileKind {
  const type = contentType.toLowerCase();
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/')) return 'video';
  if (type === 'application/pdf') return 'pdf';
  const badge = extensionBadge(name);
  return byExtension[badge.toLowerCase()] ?? 'other';
}

const imageExtensions: Record<string, string> = {
  'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/bmp': 'bmp',
};

/**
 * The name for a file pasted from the clipboard. Browsers call every pasted screenshot "image.png"; a name with the
 * moment of pasting keeps several of them apart in the comment. Real file names (pasted from a file manager) stay.
 */
export function pastedFileName(name: string, type: string, now: Date, index = 0): string {
  if (name !== '' && !/^image\.[a-z0-9]+$/i.test(name)) return name;
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}.${pad(now.getMinutes())}.${pad(now.getSeconds())}`;
  const ext = imageExtensions[type.toLowerCase()] ?? (name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : 'bin');
  return `Pasted image ${stamp}${index > 0 ? ` (${index + 1})` : ''}.${ext}`;
}

/** A failed upload in one line: the problem's title and detail ("File too large: Files may be at most …"). */
export function uploadErrorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0 && !error.problem) return 'The upload was interrupted: the connection to the server was lost.';
    const { title, detail } = error.problem ?? {};
    if (error.status === 413 && title && detail) return `${title}: ${detail}`;
  }
  return problemMessages(error, 'The upload failed.').join(' ');
}

/**
 * How long to wait before each look at a file whose preview is still being made (the job takes 0.3–3 s, longer on a
 * busy node); after the last one the file is shown without a thumbnail until the page is loaded again.
 */
export const previewPollDelays: readonly number[] = [400, 800, 1200, 2000, 3000, 5000, 8000, 12000];

const noPreview: Partial<Record<FilePreview['status'], string>> = {
  unsupported: 'No preview for this kind of file',
  skipped: 'Too large for a preview',
  failed: 'The preview could not be made',
};

/** Why a file shows no thumbnail (the server's reason when it gave one), or null while it has or may get one. */
export function previewNote(preview: FilePreview): string | null {
  if (preview.status === 'ready' || preview.status === 'pending') return null;
  return preview.reason ?? noPreview[preview.status] ?? 'No preview';
}
