import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { ClipboardEvent, DragEvent } from 'react';
import { uploadFile } from '../api/files';
import type { Upload } from '../api/files';
import { pastedFileName, uploadErrorText } from './files';
import { uploadsReducer } from './uploads';

export interface NamedBlob {
  blob: Blob;
  name: string;
}

/**
 * Files added to a form start uploading at once; removing one cancels its request. Leaving the form (unmount) cancels
 * whatever is still running. A file uploaded but never sent stays unattached and is removed by the server's clean-up.
 */
export function useUploads() {
  const [items, dispatch] = useReducer(uploadsReducer, []);
  const running = useRef(new Map<string, Upload>());
  const seq = useRef(0);

  const add = useCallback((files: readonly NamedBlob[]) => {
    for (const { blob, name } of files) {
      const key = `upload-${++seq.current}`;
      dispatch({ type: 'added', key, name, size: blob.size });
      const upload = uploadFile(blob, name, (loaded) => dispatch({ type: 'progress', key, loaded }));
      running.current.set(key, upload);
      upload.done.then(
        (file) => dispatch({ type: 'uploaded', key, fileId: file.id }),
        (error: unknown) => dispatch({ type: 'failed', key, error: uploadErrorText(error) }),
      ).finally(() => running.current.delete(key));
    }
  }, []);

  const remove = useCallback((key: string) => {
    running.current.get(key)?.abort();
    running.current.delete(key);
    dispatch({ type: 'removed', key });
  }, []);

  const sent = useCallback((fileIds: readonly string[]) => dispatch({ type: 'sent', fileIds }), []);

  useEffect(() => {
    const uploads = running.current;
    return () => {
      for (const upload of uploads.values()) upload.abort();
      uploads.clear();
    };
  }, []);

  return { items, add, remove, sent };
}

export const namedFiles = (files: Iterable<File>): NamedBlob[] => Array.from(files, (f) => ({ blob: f, name: f.name }));

/** Drag-and-drop of files onto an element; `dragging` is true while files hover over it. */
export function useFileDrop(onFiles: (files: NamedBlob[]) => void) {
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child element crossed: count them to know when the pointer really left.
  const depth = useRef(0);
  const carriesFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes('Files');

  const handlers = {
    onDragEnter: (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth.current++;
      setDragging(true);
    },
    onDragOver: (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave: (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    },
    onDrop: (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setDragging(false);
      if (e.dataTransfer.files.length > 0) onFiles(namedFiles(e.dataTransfer.files));
    },
  };
  return { dragging, handlers };
}

/**
 * Pasting files (a screenshot) attaches them. When the clipboard also has text (cells copied from a spreadsheet come
 * with a picture of themselves) the text is what the user meant, and it is pasted as usual.
 */
export function pasteHandler(onFiles: (files: NamedBlob[]) => void) {
  return (e: ClipboardEvent) => {
    const data = e.clipboardData;
    if (data.files.length === 0 || data.types.includes('text/plain')) return;
    e.preventDefault();
    const now = new Date();
    onFiles(Array.from(data.files, (f, i) => ({ blob: f, name: pastedFileName(f.name, f.type, now, i) })));
  };
}
