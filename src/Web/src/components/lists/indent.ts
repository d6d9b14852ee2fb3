/** Indents an option of a `<select>` by its depth in the tree (options cannot be styled with padding). */
export const indent = (depth: number) => '\u00a0\u00a0\u00a0'.repeat(depth);
