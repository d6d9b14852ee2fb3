import { describe, expect, it } from 'vitest';
import type { UploadAction, UploadItem } from './uploads';
import { canSend, progressPercent, sendBlocker, uploadedIds, uploadsReducer } from './uploads';

const run = (...actions: UploadAction[]) => actions.reduce<UploadItem[]>(uploadsReducer, []);
const added = (key: string, size = 1000): UploadAction => ({ type: 'added', key, name: `${key}.png`, size });

describe('uploadsReducer', () => {
  it('tracks progress without going backwards or past the size', () => {
    const items = run(added('a'), { type: 'progress', key: 'a', loaded: 600 }, { type: 'progress', key: 'a', loaded: 300 });
    expect(items[0]?.loaded).toBe(600);
    const over = run(added('a'), { type: 'progress', key: 'a', loaded: 5000 });
    expect(over[0]?.loaded).toBe(1000);
  });

  it('records the file id once uploaded and the error when failed', () => {
    const items = run(added('a'), added('b'), { type: 'uploaded', key: 'a', fileId: 'f1' }, { type: 'failed', key: 'b', error: 'File too large' });
    expect(items.map((i) => [i.status, i.fileId, i.error])).toEqual([['done', 'f1', null], ['failed', null, 'File too large']]);
  });

  it('ignores late events of a removed upload', () => {
    const items = run(added('a'), { type: 'removed', key: 'a' }, { type: 'progress', key: 'a', loaded: 10 },
      { type: 'uploaded', key: 'a', fileId: 'f1' });
    expect(items).toEqual([]);
  });

  it('ignores progress after the upload is done', () => {
    const items = run(added('a'), { type: 'uploaded', key: 'a', fileId: 'f1' }, { type: 'progress', key: 'a', loaded: 10 });
    expect(items[0]?.loaded).toBe(1000);
  });

  it('does not add the same key twice', () => {
    expect(run(added('a'), added('a'))).toHaveLength(1);
  });

  it('drops the sent files and keeps those added while the comment was sending', () => {
    const items = run(added('a'), { type: 'uploaded', key: 'a', fileId: 'f1' }, added('b'), { type: 'sent', fileIds: ['f1'] });
    expect(items.map((i) => i.key)).toEqual(['b']);
  });
});

describe('progressPercent', () => {
  it('stays below 100 until the server answered', () => {
    expect(progressPercent(run(added('a'), { type: 'progress', key: 'a', loaded: 1000 })[0]!)).toBe(99);
    expect(progressPercent(run(added('a'), { type: 'progress', key: 'a', loaded: 255 })[0]!)).toBe(25);
    expect(progressPercent(run(added('a'), { type: 'uploaded', key: 'a', fileId: 'f' })[0]!)).toBe(100);
    expect(progressPercent(run(added('empty', 0))[0]!)).toBe(0);
  });
});

describe('sending', () => {
  it('sends the uploaded ids in the order the files were added', () => {
    const items = run(added('a'), added('b'), { type: 'uploaded', key: 'b', fileId: 'f2' }, { type: 'uploaded', key: 'a', fileId: 'f1' });
    expect(uploadedIds(items)).toEqual(['f1', 'f2']);
    expect(canSend('', items)).toBe(true);
  });

  it('waits for running uploads', () => {
    const items = run(added('a'), added('b'), { type: 'uploaded', key: 'a', fileId: 'f1' });
    expect(sendBlocker(items)).toBe('Wait for the upload to finish.');
    expect(sendBlocker(run(added('a'), added('b')))).toBe('Wait for 2 uploads to finish.');
    expect(canSend('text', items)).toBe(false);
  });

  it('is blocked by a failed file until it is removed', () => {
    const failed = run(added('a'), { type: 'failed', key: 'a', error: 'x' });
    expect(canSend('text', failed)).toBe(false);
    expect(sendBlocker(failed)).toMatch(/Remove/);
    expect(canSend('text', uploadsReducer(failed, { type: 'removed', key: 'a' }))).toBe(true);
  });

  it('needs text or a file', () => {
    expect(canSend('  ', [])).toBe(false);
    expect(canSend('hi', [])).toBe(true);
  });
});
