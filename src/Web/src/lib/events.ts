import { useEffect, useRef } from 'react';

export interface TaskEventData {
  taskId: string;
  commentId: string | null;
  actorId: string;
  title: string;
  /** The history entry's kind (comment, changed, closed…), when the server sends it. */
  kind?: string;
}

export type ServerEvent =
  | { type: 'task.created'; data: TaskEventData }
  | { type: 'task.commented'; data: TaskEventData }
  | { type: 'reset' };

type Handler = (event: ServerEvent) => void;

export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((ev: Event) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  addEventListener(type: string, listener: (ev: MessageEvent) => void): void;
  close(): void;
}

const CLOSED = 2;

/** Parses the `data:` of a task event; null when it is not usable. */
export function parseTaskEvent(raw: string): TaskEventData | null {
  try {
    const d = JSON.parse(raw) as Partial<TaskEventData> | null;
    if (!d || typeof d.taskId !== 'string') return null;
    return {
      taskId: d.taskId,
      commentId: typeof d.commentId === 'string' ? d.commentId : null,
      actorId: typeof d.actorId === 'string' ? d.actorId : '',
      title: typeof d.title === 'string' ? d.title : '',
      ...(typeof d.kind === 'string' ? { kind: d.kind } : {}),
    };
  } catch {
    return null;
  }
}

/**
 * One EventSource for the whole app, fanned out to subscribers. EventSource reconnects by
 * itself (sending Last-Event-ID); only if the browser gives up (readyState CLOSED, e.g. the
 * server answered an error status) do we open a new one later and announce a `reset`,
 * because a fresh EventSource cannot resume where the old one stopped.
 */
export class EventHub {
  private source: EventSourceLike | null = null;
  private handlers = new Set<Handler>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryDelay = 2_000;

  constructor(
    private readonly url: string,
    private readonly open: (url: string) => EventSourceLike = (u) => new EventSource(u, { withCredentials: true }),
  ) {}

  subscribe(handler: Handler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  connect(): void {
    if (this.source) return;
    this.start(false);
  }

  close(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.source?.close();
    this.source = null;
    this.retryDelay = 2_000;
  }

  private emit(event: ServerEvent): void {
    for (const handler of [...this.handlers]) handler(event);
  }

  private start(isRetry: boolean): void {
    const source = this.open(this.url);
    this.source = source;
    source.onopen = () => {
      this.retryDelay = 2_000;
      if (isRetry) {
        isRetry = false;
        this.emit({ type: 'reset' });
      }
    };
    source.onerror = () => {
      if (source.readyState !== CLOSED || this.source !== source) return;
      this.source = null;
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.start(true);
      }, this.retryDelay);
      this.retryDelay = Math.min(this.retryDelay * 2, 60_000);
    };
    for (const type of ['task.created', 'task.commented'] as const) {
      source.addEventListener(type, (ev) => {
        const data = parseTaskEvent(String(ev.data));
        if (data) this.emit({ type, data });
      });
    }
    source.addEventListener('reset', () => this.emit({ type: 'reset' }));
  }
}

export const serverEvents = new EventHub('/api/v1/events');

/** Subscribes a component to server events; the latest handler is always used. */
export function useServerEvents(handler: Handler): void {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => serverEvents.subscribe((e) => ref.current(e)), []);
}
