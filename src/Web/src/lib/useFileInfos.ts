import { useEffect, useState } from 'react';
import { getFile } from '../api/files';
import type { StoredFile } from '../api/types';
import { previewPollDelays } from './files';

/**
 * Files whose preview is settled (ready, failed…) do not change any more: kept for the session so the task page's
 * reloads (after every live event) do not ask again.
 */
const settled = new Map<string, StoredFile>();

export type FileInfos = Readonly<Record<string, StoredFile | undefined>>;

function cached(ids: readonly string[]): Record<string, StoredFile | undefined> {
  return Object.fromEntries(ids.map((id) => [id, settled.get(id)]));
}

/** The metadata of the given files, looked at again a few times while a preview is still pending. */
export function useFileInfos(ids: readonly string[]): FileInfos {
  const key = ids.join(',');
  const [infos, setInfos] = useState<Record<string, StoredFile | undefined>>(() => cached(ids));

  useEffect(() => {
    const wanted = key === '' ? [] : key.split(',');
    setInfos(cached(wanted));
    let live = true;
    const timers: number[] = [];
    const look = (id: string, attempt: number) => {
      getFile(id).then((file) => {
        if (!live) return;
        setInfos((s) => ({ ...s, [id]: file }));
        if (file.preview.status !== 'pending') {
          settled.set(id, file);
          return;
        }
        const delay = previewPollDelays[attempt];
        if (delay !== undefined) timers.push(window.setTimeout(() => look(id, attempt + 1), delay));
      }, () => {
        // Without metadata the attachment is still listed (name, size, download) from the comment itself.
      });
    };
    for (const id of wanted) {
      if (!settled.has(id)) look(id, 0);
    }
    return () => {
      live = false;
      timers.forEach((t) => window.clearTimeout(t));
    };
  }, [key]);

  return infos;
}
