/** Paging in the file viewer: through a file's pages, then on to the neighbouring attachment. */

export interface ViewerPosition {
  /** Which attachment. */
  index: number;
  /** 1-based page of that attachment. */
  page: number;
}

/**
 * One step forward (+1) or back (-1). `pages[i]` is how many page images attachment i has (0 when it has no
 * preview: it is still one stop, showing why). Going back from a file's first page lands on the previous file's
 * last page; at either end the position stays.
 */
export function step(pages: readonly number[], at: ViewerPosition, delta: 1 | -1): ViewerPosition {
  const count = (i: number) => Math.max(1, pages[i] ?? 0);
  if (delta > 0) {
    if (at.page < count(at.index)) return { index: at.index, page: at.page + 1 };
    return at.index + 1 < pages.length ? { index: at.index + 1, page: 1 } : at;
  }
  if (at.page > 1) return { index: at.index, page: at.page - 1 };
  return at.index > 0 ? { index: at.index - 1, page: count(at.index - 1) } : at;
}

export function canStep(pages: readonly number[], at: ViewerPosition, delta: 1 | -1): boolean {
  const next = step(pages, at, delta);
  return next.index !== at.index || next.page !== at.page;
}

/**
 * "Page 2 of 12 (10 shown)" when only the first pages were rendered, "Page 2 of 3" otherwise, null for a
 * single page (an image).
 */
export function pageLabel(page: number, pages: number, pageCount: number | null): string | null {
  const total = Math.max(pages, pageCount ?? 0);
  if (total <= 1) return null;
  return `Page ${page} of ${total}${total > pages ? ` (${pages} shown)` : ''}`;
}
