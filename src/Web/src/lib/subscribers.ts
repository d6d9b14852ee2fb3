import type { TaskDetails, User } from '../api/types';

/** How I relate to a task: I take part in it, I follow it, or I only see it (e.g. through a list). */
export type Involvement = 'participant' | 'subscriber' | 'viewer';

export function involvementOf(task: Pick<TaskDetails, 'participantIds' | 'subscriberIds'>, userId: string): Involvement {
  if (task.participantIds.includes(userId)) return 'participant';
  if (task.subscriberIds.includes(userId)) return 'subscriber';
  return 'viewer';
}

/**
 * Whom I may subscribe: only participants subscribe other people (the API answers 403 otherwise),
 * and only members who neither take part nor follow already (it answers 409 for them). Blocked
 * members are left out: they cannot sign in to read anything.
 */
export function subscriberChoices(task: Pick<TaskDetails, 'participantIds' | 'subscriberIds'>, users: readonly User[], meId: string): User[] {
  if (involvementOf(task, meId) !== 'participant') return [];
  return users
    .filter((u) => !u.isBlocked && !task.participantIds.includes(u.id) && !task.subscriberIds.includes(u.id))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Whether I may take `userId` off the subscribers: myself always, others only as a participant. */
export function canUnsubscribe(task: Pick<TaskDetails, 'participantIds' | 'subscriberIds'>, userId: string, meId: string): boolean {
  return task.subscriberIds.includes(userId) && (userId === meId || involvementOf(task, meId) === 'participant');
}
