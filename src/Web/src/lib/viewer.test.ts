import { describe, expect, it } from 'vitest';
import { canStep, pageLabel, step } from './viewer';

describe('step', () => {
  // A 3-page PDF, an image, a file without preview.
  const pages = [3, 1, 0];

  it('pages through a file, then moves to the next one', () => {
    expect(step(pages, { index: 0, page: 1 }, 1)).toEqual({ index: 0, page: 2 });
    expect(step(pages, { index: 0, page: 3 }, 1)).toEqual({ index: 1, page: 1 });
    expect(step(pages, { index: 1, page: 1 }, 1)).toEqual({ index: 2, page: 1 });
  });

  it('goes back to the last page of the previous file', () => {
    expect(step(pages, { index: 1, page: 1 }, -1)).toEqual({ index: 0, page: 3 });
    expect(step(pages, { index: 0, page: 2 }, -1)).toEqual({ index: 0, page: 1 });
    expect(step(pages, { index: 2, page: 1 }, -1)).toEqual({ index: 1, page: 1 });
  });

  it('stays at either end', () => {
    expect(step(pages, { index: 0, page: 1 }, -1)).toEqual({ index: 0, page: 1 });
    expect(step(pages, { index: 2, page: 1 }, 1)).toEqual({ index: 2, page: 1 });
    expect(canStep(pages, { index: 0, page: 1 }, -1)).toBe(false);
    expect(canStep(pages, { index: 0, page: 1 }, 1)).toBe(true);
    expect(canStep([1], { index: 0, page: 1 }, 1)).toBe(false);
  });
});

describe('pageLabel', () => {
  it('says how many pages were rendered when not all were', () => {
    expect(pageLabel(2, 10, 12)).toBe('Page 2 of 12 (10 shown)');
  });

  it('counts pages plainly otherwise', () => {
    expect(pageLabel(2, 3, 3)).toBe('Page 2 of 3');
    expect(pageLabel(1, 3, null)).toBe('Page 1 of 3');
  });

  it('has nothing to say about a single page', () => {
    expect(pageLabel(1, 1, 1)).toBeNull();
    expect(pageLabel(1, 1, null)).toBeNull();
  });
});
