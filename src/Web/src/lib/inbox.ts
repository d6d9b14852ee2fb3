import type { InboxItem } from '../api/types';

/** Why a task is in my inbox, as the user reads it. */
export function reasonLabel(reason: string): string {
  switch (reason) {
    case 'responsible': return 'You are responsible';
    case 'new_activity': return 'New activity';
    case 'approval': return 'Awaiting your approval';
    default: return reason.replace(/_/g, ' ');
  }
}

/** "Snooze until tomorrow 9:00" in the browser's time zone. */
export function tomorrowAt9(now: Date = new Date()): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 9, 0, 0, 0);
}

export function unreadCount(items: readonly Pick<InboxItem, 'unread'>[]): number {
  return items.filter((i) => i.unread).length;
}

/** The badge text: nothing for 0, "99+" above 99. */
export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}

/** Removes an item optimistically (done for now / snoozed). */
export function withoutItem<T extends { id: string }>(items: readonly T[], id: string): T[] {
  return items.filter((i) => i.id !== id);
}
