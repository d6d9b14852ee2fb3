import type { Department } from '../api/types';

export interface DepartmentRow {
  department: Department;
  depth: number;
}

const byName = (a: Department, b: Department) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

/** The flat list from the API as a tree, depth-first, siblings by name; a department whose parent is missing starts a tree. */
export function departmentTree(items: readonly Department[]): DepartmentRow[] {
  const ids = new Set(items.map((d) => d.id));
  const children = new Map<string | null, Department[]>();
  for (const d of items) {
    const parent = d.parentId && ids.has(d.parentId) ? d.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), d]);
  }
  const rows: DepartmentRow[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number) => {
    for (const d of [...(children.get(parent) ?? [])].sort(byName)) {
      if (seen.has(d.id)) continue; // the server refuses cycles; never loop on bad data
      seen.add(d.id);
      rows.push({ department: d, depth });
      visit(d.id, depth + 1);
    }
  };
  visit(null, 0);
  return rows;
}

/** Where a department may move: anywhere but itself and its own sub-departments (the server refuses cycles). */
export function parentChoices(items: readonly Department[], id: string | null): DepartmentRow[] {
  if (!id) return departmentTree(items);
  const excluded = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of items) {
      if (d.parentId && excluded.has(d.parentId) && !excluded.has(d.id)) {
        excluded.add(d.id);
        grew = true;
      }
    }
  }
  return departmentTree(items).filter((row) => !excluded.has(row.department.id));
}

/** The ids added to and removed from a member list (departments, roles) by an edit. */
export function membershipChange(before: readonly string[], after: readonly string[]) {
  return {
    added: after.filter((id) => !before.includes(id)),
    removed: before.filter((id) => !after.includes(id)),
  };
}
