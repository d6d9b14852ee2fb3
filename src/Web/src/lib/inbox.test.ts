import { describe, expect, it } from 'vitest';
import { badgeText, reasonLabel, tomorrowAt9, unreadCount, withoutItem } from './inbox';

describe('inbox helpers', () => {
  it('labels reasons', () => {
    expect(reasonLabel('responsible')).toBe('You are responsible');
    expect(reasonLabel('new_activity')).toBe('New activity');
    expect(reasonLabel('approval')).toBe('Awaiting your approval');
    expect(reasonLabel('some_future_reason')).toBe('some future reason');
  });

  it('snoozes until tomorrow 9:00 local time, across month ends', () => {
    expect(tomorrowAt9(new Date(2026, 4, 31, 23, 50))).toEqual(new Date(2026, 5, 1, 9, 0));
    expect(tomorrowAt9(new Date(2026, 11, 31, 1, 0))).toEqual(new Date(2027, 0, 1, 9, 0));
  });

  it('counts unread items and formats the badge', () => {
    expect(unreadCount([{ unread: true }, { unread: false }, { unread: true }])).toBe(2);
    expect(badgeText(0)).toBe('');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(120)).toBe('99+');
  });

  it('removes an item', () => {
    expect(withoutItem([{ id: 'a' }, { id: 'b' }], 'a')).toEqual([{ id: 'b' }]);
  });
});
