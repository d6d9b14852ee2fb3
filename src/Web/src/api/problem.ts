import type { Problem } from './types';

/** An HTTP failure; `problem` holds the parsed problem+json body when there was one. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null) {
    super(problem?.detail ?? problem?.title ?? `Request failed (HTTP ${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

/** Accepts any JSON value and keeps it only if it looks like a problem object. */
export function asProblem(body: unknown): Problem | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const b = body as Record<string, unknown>;
  const problem: Problem = {};
  if (typeof b.type === 'string') problem.type = b.type;
  if (typeof b.title === 'string') problem.title = b.title;
  if (typeof b.status === 'number') problem.status = b.status;
  if (typeof b.detail === 'string') problem.detail = b.detail;
  if (typeof b.errors === 'object' && b.errors !== null && !Array.isArray(b.errors)) {
    problem.errors = b.errors as Problem['errors'];
  }
  return problem;
}

function fieldLabel(field: string): string {
  const trimmed = field.replace(/^\$\.?/, '').trim();
  if (trimmed === '') return '';
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}

/**
 * Turns an error into human-readable lines: validation messages per field when present,
 * otherwise the problem's `detail`, then its `title`, then `fallback`.
 */
export function problemMessages(error: unknown, fallback = 'Something went wrong.'): string[] {
  if (error instanceof ApiError) {
    const p = error.problem;
    const lines: string[] = [];
    for (const [field, value] of Object.entries(p?.errors ?? {})) {
      const messages = Array.isArray(value) ? value : [value];
      const label = fieldLabel(field);
      for (const message of messages) {
        if (typeof message !== 'string' || message === '') continue;
        lines.push(label && !message.toLowerCase().startsWith(label.toLowerCase())
          ? `${label}: ${message}` : message);
      }
    }
    if (p?.detail && !lines.includes(p.detail)) lines.unshift(p.detail);
    if (lines.length > 0) return lines;
    if (p?.title) return [p.title];
    if (error.status === 0) return ['Cannot reach the server. Check your connection.'];
    return [fallback];
  }
  if (error instanceof Error && error.message) return [error.message];
  return [fallback];
}
