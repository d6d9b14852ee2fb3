import { describe, expect, it } from 'vitest';
import type { Bot, IssuedBotKey } from '../api/types';
import { deleteBotQuestion, hasKey, revokeKeyQuestion, stillIssued } from './bots';

const bot = (id: string, keyHint: string | null): Bot =>
  ({ id, displayName: `Bot ${id}`, isBlocked: false, keyHint, keyCreatedAt: keyHint ? '2026-11-21T06:00:00Z' : null, createdAt: '2026-11-20T06:00:00Z' });
const issued: IssuedBotKey = { id: 'a', displayName: 'Bot a', apiKey: 'plt_AbCdEf', keyHint: 'plt_AbCd', keyCreatedAt: '2026-11-21T06:00:00Z' };

describe('hasKey', () => {
  it('is false once the key was revoked', () => {
    expect(hasKey(bot('a', 'plt_AbCd'))).toBe(true);
    expect(hasKey(bot('a', null))).toBe(false);
  });
});

describe('stillIssued', () => {
  it('keeps the key while the bot still has it', () => {
    expect(stillIssued(issued, [bot('b', 'plt_ZZZZ'), bot('a', 'plt_AbCd')])).toBe(issued);
  });
  it('drops it when the key was revoked or replaced', () => {
    expect(stillIssued(issued, [bot('a', null)])).toBeNull();
    expect(stillIssued(issued, [bot('a', 'plt_Xyzw')])).toBeNull();
  });
  it('drops it when the bot was deleted', () => {
    expect(stillIssued(issued, [bot('b', 'plt_AbCd')])).toBeNull();
    expect(stillIssued(null, [bot('a', 'plt_AbCd')])).toBeNull();
  });
});

describe('questions', () => {
  it('name the bot and say what happens', () => {
    expect(revokeKeyQuestion(bot('a', 'plt_AbCd'))).toContain('Bot a');
    expect(revokeKeyQuestion(bot('a', 'plt_AbCd'))).toContain('new one');
    expect(deleteBotQuestion(bot('a', null))).toContain('Tasks and comments it wrote stay');
  });
});
