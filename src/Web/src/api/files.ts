import { notifyUnauthorized, parseJson, request } from './http';
import { ApiError, asProblem } from './problem';
import type { StoredFile } from './types';

const file = (id: string) => `/api/v1/files/${encodeURIComponent(id)}`;

export const fileUrls = {
  content: (id: string) => `${file(id)}/content`,
  thumbnail: (id: string) => `${file(id)}/thumbnail`,
  page: (id: string, page: number) => `${file(id)}/pages/${page}`,
};

export const getFile = (id: string) => request<StoredFile>('GET', file(id));

export interface Upload {
  /** Resolves with the stored file; rejects with an ApiError (status 0: network failure or aborted). */
  done: Promise<StoredFile>;
  abort: () => void;
}

/**
 * Uploads one file as multipart/form-data. XMLHttpRequest rather than fetch because only it reports upload
 * progress in every browser (fetch upload streams need HTTP/2 and half-duplex support).
 */
export function uploadFile(blob: Blob, name: string, onProgress: (loaded: number, total: number) => void): Upload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<StoredFile>((resolve, reject) => {
    xhr.open('POST', '/api/v1/files');
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : blob.size);
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status === 201 || xhr.status === 200) {
        resolve(body as StoredFile);
        return;
      }
      if (xhr.status === 401) notifyUnauthorized();
      reject(new ApiError(xhr.status, asProblem(body)));
    };
    xhr.onerror = () => reject(new ApiError(0, null));
    xhr.onabort = () => reject(new ApiError(0, { title: 'Upload cancelled' }));
    const form = new FormData();
    form.append('file', blob, name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
