import { describe, expect, it } from 'vitest';
import type { User } from '../api/types';
import { canUnsubscribe, involvementOf, subscriberChoices } from './subscribers';

const u = (id: string, displayName: string, extra: Partial<User> = {}): User => ({ id, email: `${id}@x.test`, displayName, isAdmin: false, ...extra });
const users = [u('ann', 'Ann'), u('bob', 'Bob'), u('cy', 'Cy'), u('dee', 'Dee'), u('eve', 'Eve', { isBlocked: true })];
const task = { participantIds: ['ann'], subscriberIds: ['bob'] };

describe('involvementOf', () => {
  it('tells participants, subscribers and people who only see the task apart', () => {
    expect(involvementOf(task, 'ann')).toBe('participant');
    expect(involvementOf(task, 'bob')).toBe('subscriber');
    expect(involvementOf(task, 'cy')).toBe('viewer');
  });
});

describe('subscriberChoices', () => {
  it('offers a participant the members who neither take part nor follow, blocked ones left out', () => {
    expect(subscriberChoices(task, users, 'ann').map((x) => x.id)).toEqual(['cy', 'dee']);
  });

  it('offers nothing to someone who is not a participant (the API would answer 403)', () => {
    expect(subscriberChoices(task, users, 'bob')).toEqual([]);
    expect(subscriberChoices(task, users, 'cy')).toEqual([]);
  });
});

describe('canUnsubscribe', () => {
  it('lets anyone unsubscribe themselves and participants unsubscribe others', () => {
    expect(canUnsubscribe(task, 'bob', 'bob')).toBe(true);
    expect(canUnsubscribe(task, 'bob', 'ann')).toBe(true);
    expect(canUnsubscribe(task, 'bob', 'cy')).toBe(false);
    expect(canUnsubscribe(task, 'cy', 'ann')).toBe(false);
  });
});
