import { useState } from 'react';
import { expandedRows, listTree } from '../../lib/lists';
import { paths } from '../../lib/router';
import { useLists } from '../../lib/useLists';
import { ErrorBox } from '../ErrorBox';
import { NewListForm } from './NewListForm';

/** The tree of the lists I can see, with the open one highlighted, and a form for a new list. */
export function ListsSidebar({ activeId }: { activeId: string | null }) {
  const { lists, loaded, error } = useLists();
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const rows = expandedRows(listTree(lists), collapsed);
  const toggle = (id: string) => setCollapsed((c) => {
    const next = new Set(c);
    if (!next.delete(id)) next.add(id);
    return next;
  });

  return (
    <aside className="card lists-sidebar" aria-label="Lists">
      <h2><a href={paths.lists()}>Lists</a></h2>
      <ErrorBox error={error} />
      {loaded && lists.length === 0 && !error && <p className="muted empty">You are not a member of any list yet.</p>}
      <ul className="lists-tree" data-testid="lists-tree">
        {rows.map(({ list, depth, parentHidden, hasChildren }) => (
          <li key={list.id} className={list.id === activeId ? 'lists-node active' : 'lists-node'} data-testid="lists-item"
            data-name={list.name} data-depth={depth} style={{ paddingLeft: `${depth * 0.9}rem` }}>
            {hasChildren
              ? (
                <button type="button" className="lists-toggle" data-testid="lists-toggle" aria-expanded={!collapsed.has(list.id)}
                  aria-label={`${collapsed.has(list.id) ? 'Expand' : 'Collapse'} ${list.name}`} onClick={() => toggle(list.id)}>
                  {collapsed.has(list.id) ? '▸' : '▾'}
                </button>
              )
              : <span className="lists-toggle" aria-hidden="true" />}
            <a href={paths.list(list.id)} data-testid="lists-link" aria-current={list.id === activeId ? 'page' : undefined}>{list.name}</a>
            {parentHidden && (
              <span className="lists-hidden-parent" data-testid="lists-hidden-parent"
                title="Inside a list you are not a member of">↰</span>
            )}
          </li>
        ))}
      </ul>
      <NewListForm testId="list-new" />
    </aside>
  );
}
