/** The files of one comment (or new task) being uploaded before it is sent. */

export type UploadStatus = 'uploading' | 'done' | 'failed';

export interface UploadItem {
  /** Client-side key (the file id is known only once the upload is done). */
  key: string;
  name: string;
  size: number;
  loaded: number;
  status: UploadStatus;
  fileId: string | null;
  error: string | null;
}

export type UploadAction =
  | { type: 'added'; key: string; name: string; size: number }
  | { type: 'progress'; key: string; loaded: number }
  | { type: 'uploaded'; key: string; fileId: string }
  | { type: 'failed'; key: string; error: string }
  | { type: 'removed'; key: string }
  /** The comment went out with these files: they leave the form (files added meanwhile stay). */
  | { type: 'sent'; fileIds: readonly string[] };

/**
 * Events of an upload the user already removed (a late progress or load event of an aborted request) find no item
 * and change nothing.
 */
export function uploadsReducer(items: readonly UploadItem[], action: UploadAction): UploadItem[] {
  const update = (key: string, change: (item: UploadItem) => UploadItem) =>
    items.some((i) => i.key === key) ? items.map((i) => (i.key === key ? change(i) : i)) : [...items];
  switch (action.type) {
    case 'added':
      if (items.some((i) => i.key === action.key)) return [...items];
      return [...items, { key: action.key, name: action.name, size: action.size, loaded: 0, status: 'uploading', fileId: null, error: null }];
    case 'progress':
      return update(action.key, (i) => (i.status === 'uploading'
        ? { ...i, loaded: Math.min(Math.max(i.loaded, action.loaded), i.size) } : i));
    case 'uploaded':
      return update(action.key, (i) => ({ ...i, status: 'done', loaded: i.size, fileId: action.fileId, error: null }));
    case 'failed':
      return update(action.key, (i) => ({ ...i, status: 'failed', error: action.error }));
    case 'removed':
      return items.filter((i) => i.key !== action.key);
    case 'sent':
      return items.filter((i) => !(i.status === 'done' && i.fileId && action.fileIds.includes(i.fileId)));
  }
}

/** 0–100; a file still uploading never shows 100 (the server is still storing and hashing it). */
export function progressPercent(item: UploadItem): number {
  if (item.status === 'done') return 100;
  if (item.size <= 0) return 0;
  return Math.min(99, Math.floor((item.loaded / item.size) * 100));
}

/** The ids to send with the comment, in the order the files were added. */
export function uploadedIds(items: readonly UploadItem[]): string[] {
  return items.flatMap((i) => (i.status === 'done' && i.fileId ? [i.fileId] : []));
}

/**
 * Why the comment cannot be sent yet, or null. A failed file blocks sending until it is removed, so nobody
 * believes a file went out with the comment when it did not.
 */
export function sendBlocker(items: readonly UploadItem[]): string | null {
  const running = items.filter((i) => i.status === 'uploading').length;
  if (running > 0) return running === 1 ? 'Wait for the upload to finish.' : `Wait for ${running} uploads to finish.`;
  if (items.some((i) => i.status === 'failed')) return 'Remove the files that could not be uploaded.';
  return null;
}

/** Text, or at least one uploaded file, and nothing in the way. */
export function canSend(text: string, items: readonly UploadItem[]): boolean {
  return sendBlocker(items) === null && (text.trim() !== '' || uploadedIds(items).length > 0);
}
