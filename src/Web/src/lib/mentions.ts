/** @mentions: written in comment text as `@[Display Name](user:<id>)`; the server adds those people. */

export interface Mentionable {
  id: string;
  displayName: string;
  email: string;
}

const mentionPattern = /@\[([^\]\r\n]{0,200})\]\(user:([0-9a-fA-F-]{36})\)/g;

/** The markup for one person; characters that would break it are dropped from the name. */
export function mentionMarkup(user: Pick<Mentionable, 'id' | 'displayName'>): string {
  const name = user.displayName.replace(/[\]\r\n]/g, '').slice(0, 200).trim() || 'someone';
  return `@[${name}](user:${user.id})`;
}

/** Ids mentioned in a text, in order, without repeats. */
export function mentionedIds(text: string): string[] {
  const ids: string[] = [];
  for (const m of text.matchAll(mentionPattern)) {
    const id = m[2];
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

export interface ActiveMention {
  /** Index of the `@`. */
  start: number;
  /** What was typed after it, up to the caret. */
  query: string;
}

/**
 * The mention being typed at the caret: an `@` at the start or after whitespace, followed by up
 * to 30 characters without a line break, `@` or brackets. Null when the caret is elsewhere.
 */
export function activeMention(text: string, caret: number): ActiveMention | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  if (at > 0 && !/\s/.test(before[at - 1] ?? '')) return null;
  const query = before.slice(at + 1);
  if (query.length > 30 || /[\r\n@[\]()]/.test(query) || query.startsWith(' ')) return null;
  return { start: at, query };
}

/** People matching the typed text by name or e-mail; names starting with it come first. */
export function suggestPeople<T extends Mentionable>(people: readonly T[], query: string, limit = 6): T[] {
  const q = query.trim().toLowerCase();
  const scored = people
    .map((p) => {
      const name = p.displayName.toLowerCase();
      const email = p.email.toLowerCase();
      const rank = name.startsWith(q) ? 0
        : name.split(/\s+/).some((w) => w.startsWith(q)) ? 1
        : name.includes(q) || email.includes(q) ? 2 : -1;
      return { p, rank };
    })
    .filter((x) => x.rank >= 0)
    .sort((a, b) => (a.rank - b.rank) || a.p.displayName.localeCompare(b.p.displayName));
  return scored.slice(0, limit).map((x) => x.p);
}

/** Replaces the typed `@query` with the person's markup and a space; returns the new caret. */
export function insertMention(
  text: string, mention: ActiveMention, caret: number, user: Pick<Mentionable, 'id' | 'displayName'>,
): { text: string; caret: number } {
  const markup = `${mentionMarkup(user)} `;
  const after = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, mention.start) + markup + after, caret: mention.start + markup.length };
}
