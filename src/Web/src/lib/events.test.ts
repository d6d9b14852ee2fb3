import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventHub, parseTaskEvent } from './events';
import type { EventSourceLike, ServerEvent } from './events';

class FakeSource implements EventSourceLike {
  readyState = 0;
  onopen: ((ev: Event) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  listeners = new Map<string, (ev: MessageEvent) => void>();
  closed = false;
  addEventListener(type: string, listener: (ev: MessageEvent) => void) { this.listeners.set(type, listener); }
  close() { this.closed = true; this.readyState = 2; }
  fire(type: string, data = '') { this.listeners.get(type)?.({ data } as MessageEvent); }
}

function setup() {
  const sources: FakeSource[] = [];
  const hub = new EventHub('/events', () => { const s = new FakeSource(); sources.push(s); return s; });
  const seen: ServerEvent[] = [];
  hub.subscribe((e) => seen.push(e));
  return { hub, sources, seen };
}

afterEach(() => vi.useRealTimers());

describe('parseTaskEvent', () => {
  it('parses and normalises', () => {
    expect(parseTaskEvent('{"taskId":"t","actorId":"a","title":"T"}'))
      .toEqual({ taskId: 't', commentId: null, actorId: 'a', title: 'T' });
    expect(parseTaskEvent('{"taskId":"t","actorId":"a","title":"T","kind":"closed"}'))
      .toEqual({ taskId: 't', commentId: null, actorId: 'a', title: 'T', kind: 'closed' });
    expect(parseTaskEvent('nope')).toBeNull();
    expect(parseTaskEvent('{}')).toBeNull();
  });
});

describe('EventHub', () => {
  it('opens one source and fans out events', () => {
    const { hub, sources, seen } = setup();
    hub.connect();
    hub.connect();
    expect(sources).toHaveLength(1);
    sources[0]!.fire('task.commented', '{"taskId":"t","commentId":"c","actorId":"a","title":"T"}');
    sources[0]!.fire('reset');
    expect(seen).toEqual([
      { type: 'task.commented', data: { taskId: 't', commentId: 'c', actorId: 'a', title: 'T' } },
      { type: 'reset' },
    ]);
  });

  it('reopens a source the browser gave up on and then announces a reset', () => {
    vi.useFakeTimers();
    const { hub, sources, seen } = setup();
    hub.connect();
    sources[0]!.readyState = 2;
    sources[0]!.onerror?.(new Event('error'));
    vi.advanceTimersByTime(2_000);
    expect(sources).toHaveLength(2);
    sources[1]!.onopen?.(new Event('open'));
    expect(seen).toEqual([{ type: 'reset' }]);
  });

  it('leaves transient errors to the browser and stops on close', () => {
    vi.useFakeTimers();
    const { hub, sources } = setup();
    hub.connect();
    sources[0]!.readyState = 0;
    sources[0]!.onerror?.(new Event('error'));
    vi.advanceTimersByTime(60_000);
    expect(sources).toHaveLength(1);
    hub.close();
    expect(sources[0]!.closed).toBe(true);
  });
});
