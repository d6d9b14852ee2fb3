import type { Bot, IssuedBotKey } from '../api/types';

/** Revoking only makes sense while the bot has a key; without one the button would do nothing. */
export const hasKey = (bot: Bot): boolean => bot.keyHint !== null;

export const revokeKeyQuestion = (bot: Bot): string =>
  `Revoke the key of ${bot.displayName}? It stops working at once; the bot has no key until you issue a new one.`;

export const deleteBotQuestion = (bot: Bot): string =>
  `Delete ${bot.displayName}? Its key stops working at once and it cannot be given a new one. Tasks and comments it wrote stay, under its name.`;

/**
 * A key shown once must not stay on screen after it was revoked, replaced or its bot deleted:
 * an admin copying it later would get a dead key. It stays only while the list still shows
 * that bot with that key.
 */
export function stillIssued(issued: IssuedBotKey | null, bots: Bot[]): IssuedBotKey | null {
  if (!issued) return null;
  const bot = bots.find((b) => b.id === issued.id);
  return bot && bot.keyHint === issued.keyHint ? issued : null;
}
