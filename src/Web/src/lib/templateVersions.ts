import type { FormTemplateVersionSummary } from '../api/types';

/** "3 fields · 2 steps" / "1 field · no approval route". */
export function versionCounts(v: Pick<FormTemplateVersionSummary, 'fieldCount' | 'stepCount'>): string {
  const fields = `${v.fieldCount} ${v.fieldCount === 1 ? 'field' : 'fields'}`;
  const steps = v.stepCount === 0 ? 'no approval route' : `${v.stepCount} ${v.stepCount === 1 ? 'step' : 'steps'}`;
  return `${fields} · ${steps}`;
}

/** The banner over a version: "version N of M", with "(current)" when it is the latest. */
export function versionOf(version: number, latest: number): string {
  return `Version ${version} of ${latest}${version === latest ? ' (current)' : ''}`;
}

/**
 * Appends a further page of the (newest-first) history. A save between two pages only adds versions
 * above the first page, so duplicates cannot come from the server; they can from a page loaded twice
 * (a double click), and React needs unique keys.
 */
export function appendVersions(
  shown: FormTemplateVersionSummary[], page: FormTemplateVersionSummary[],
): FormTemplateVersionSummary[] {
  const seen = new Set(shown.map((v) => v.version));
  return [...shown, ...page.filter((v) => !seen.has(v.version))].sort((a, b) => b.version - a.version);
}
