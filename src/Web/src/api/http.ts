import { ApiError, asProblem } from './problem';

type Listener = () => void;
let onUnauthorized: Listener | null = null;

/** Called whenever a protected call answers 401 (session expired or logged out elsewhere). */
export function setUnauthorizedHandler(listener: Listener | null): void {
  onUnauthorized = listener;
}

/** For requests made without `request` (uploads via XMLHttpRequest). */
export function notifyUnauthorized(): void {
  onUnauthorized?.();
}

export interface RequestOptions {
  body?: unknown;
  /** Do not trigger the global 401 handler (login, initial session probe). */
  quiet401?: boolean;
  /** Extra request headers, e.g. `If-Match`. */
  headers?: Record<string, string>;
}

/** Parses a JSON body; undefined for an empty or non-JSON one. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function readJson(response: Response): Promise<unknown> {
  return parseJson(await response.text());
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json', ...options.headers,
  };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, null);
  }

  const data = await readJson(response);
  if (!response.ok) {
    if (response.status === 401 && !options.quiet401) onUnauthorized?.();
    throw new ApiError(response.status, asProblem(data));
  }
  return data as T;
}
