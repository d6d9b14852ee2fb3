import { ApiError, problemMessages } from '../api/problem';
import type { ClusterNode } from '../api/types';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;
const mebibyte = 1024 * 1024;

/** Down nodes first (they need attention), then by id ("node-2" before "node-10"). */
export function sortNodes(nodes: readonly ClusterNode[]): ClusterNode[] {
  return [...nodes].sort((a, b) => {
    const down = Number(b.health === 'down') - Number(a.health === 'down');
    return down !== 0 ? down : a.id.localeCompare(b.id, 'en', { numeric: true });
  });
}

/** Bytes as megabytes (1 MB = 1024 × 1024 bytes) with one decimal: "512.3 MB". */
export function formatMemory(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  return `${(bytes / mebibyte).toFixed(1)} MB`;
}

/** A CPU share with one decimal: "12.5 %". */
export function formatCpu(percent: number): string {
  if (!Number.isFinite(percent) || percent < 0) return '—';
  return `${percent.toFixed(1)} %`;
}

/**
 * Milliseconds between `iso` and `now`, or null if `iso` is not a date. Negative
 * differences (clock skew between nodes) count as zero.
 */
function elapsed(iso: string, now: Date): number | null {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  return Math.max(0, now.getTime() - t);
}

/** A duration in the two largest units: "45 s", "12 min", "3 h 12 min", "2 d 4 h". */
export function formatDuration(ms: number): string {
  const d = Math.max(0, ms);
  if (d < minute) return `${Math.floor(d / second)} s`;
  if (d < hour) return `${Math.floor(d / minute)} min`;
  if (d < day) {
    const h = Math.floor(d / hour);
    const m = Math.floor((d % hour) / minute);
    return m > 0 ? `${h} h ${m} min` : `${h} h`;
  }
  const days = Math.floor(d / day);
  const h = Math.floor((d % day) / hour);
  return h > 0 ? `${days} d ${h} h` : `${days} d`;
}

/** How long a node has been running, from its `startedAt`: "3 h 12 min". */
export function formatUptime(startedAt: string, now: Date): string {
  const ms = elapsed(startedAt, now);
  return ms === null ? '—' : formatDuration(ms);
}

/** Age of a timestamp in its largest unit: "2 s ago", "5 min ago", "3 h ago", "2 d ago". */
export function formatAgo(iso: string, now: Date): string {
  const ms = elapsed(iso, now);
  if (ms === null) return '—';
  if (ms < minute) return `${Math.floor(ms / second)} s ago`;
  if (ms < hour) return `${Math.floor(ms / minute)} min ago`;
  if (ms < day) return `${Math.floor(ms / hour)} h ago`;
  return `${Math.floor(ms / day)} d ago`;
}

/** The reference time of a snapshot: the server's `at` (no client clock skew), else the client's. */
export function snapshotTime(at: string | undefined, fallback: Date = new Date()): Date {
  const t = at ? Date.parse(at) : NaN;
  return Number.isNaN(t) ? fallback : new Date(t);
}

/** What a member (or an admin whose rights were just withdrawn) reads instead of the table. */
export const adminsOnlyMessage = 'The cluster view is for administrators only. Ask an administrator of your organisation if you need it.';

/**
 * Whether asking again cannot help: 401 (the app shows the sign-in page) or 403 (not an
 * administrator). The page stops polling and drops the table it may still hold.
 */
export function isAccessDenied(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 401 || error.status === 403);
}

/**
 * The text of a failed refresh. The API's authorization policy answers a member with a bare
 * "Forbidden" problem, which says nothing about why: a 403 becomes {@link adminsOnlyMessage}.
 */
export function clusterErrorText(error: unknown): string {
  if (error instanceof ApiError && error.status === 403) return adminsOnlyMessage;
  return problemMessages(error, 'Could not load the cluster status.').join(' ');
}
