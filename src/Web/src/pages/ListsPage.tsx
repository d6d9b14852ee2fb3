import { useEffect, useState } from 'react';
import type { Me } from '../api/types';
import { ListMembers } from '../components/lists/ListMembers';
import { ListSettings } from '../components/lists/ListSettings';
import { ListsSidebar } from '../components/lists/ListsSidebar';
import { ListTasks } from '../components/lists/ListTasks';
import { NewListForm } from '../components/lists/NewListForm';
import '../components/lists/lists.css';
import { ancestorsOf, listTree } from '../lib/lists';
import { paths } from '../lib/router';
import { useLists } from '../lib/useLists';

/** `#/lists` and `#/lists/{id}`: the tree of my lists beside the open list (or an introduction). */
export function ListsPage({ id, me }: { id: string | null; me: Me }) {
  const { reload } = useLists();
  /** The list id the tree was last fetched for: until then a list missing from it may just be new. */
  const [fetchedFor, setFetchedFor] = useState<string | null>(null);
  // Lists have no live events: opening a lists page is when the tree is brought up to date.
  useEffect(() => {
    let live = true;
    void reload().then(() => { if (live) setFetchedFor(id); });
    return () => { live = false; };
  }, [id, reload]);

  return (
    <div className="page lists-layout">
      <ListsSidebar activeId={id} />
      <div className="lists-main">
        {id ? <ListDetails key={id} id={id} me={me} fresh={fetchedFor === id} /> : <ListsIntro />}
      </div>
    </div>
  );
}

function ListsIntro() {
  const { lists } = useLists();
  return (
    <section className="card">
      <h1>Lists</h1>
      <p>
        Lists group tasks by project or topic. A list can hold other lists, a task can be in several lists, and the
        members of a list see its tasks, and the lists nested in it with theirs, without taking part in each of them.
      </p>
      <p className="muted">{lists.length === 0 ? 'Create your first list on the left.' : 'Choose a list on the left, or create one.'}</p>
    </section>
  );
}

function ListDetails({ id, me, fresh }: { id: string; me: Me; fresh: boolean }) {
  const { lists } = useLists();
  const list = lists.find((l) => l.id === id);
  if (!list) {
    if (!fresh) return <p className="muted">Loading…</p>;
    return (
      <section className="card" data-testid="list-not-found">
        <h1>List not found</h1>
        <p className="muted">It does not exist (any more), or you are a member neither of it nor of a list above it.</p>
        <a href={paths.lists()}>← All lists</a>
      </section>
    );
  }
  const above = ancestorsOf(lists, id);
  const inside = listTree(lists).filter((r) => r.list.parentId === id);
  return (
    <>
      <section className="card">
        <nav className="list-breadcrumb" aria-label="Lists above" data-testid="list-breadcrumb">
          <a href={paths.lists()}>Lists</a>
          {above.map((l) => <span key={l.id}> / <a href={paths.list(l.id)}>{l.name}</a></span>)}
        </nav>
        <h1 data-testid="list-name">{list.name}</h1>
        <ListSettings key={`${list.id}:${list.name}:${list.parentId ?? ''}`} list={list} />
        <ListMembers list={list} meId={me.id} isAdmin={me.isAdmin} />
        <div className="list-children">
          <span className="label">Lists inside</span>
          {inside.length === 0
            ? <span className="muted"> none</span>
            : (
              <ul className="chips" data-testid="list-children">
                {inside.map((r) => <li key={r.list.id} className="chip"><a href={paths.list(r.list.id)}>{r.list.name}</a></li>)}
              </ul>
            )}
        </div>
        <NewListForm parent={list} testId="list-child" />
      </section>
      <section className="card">
        <ListTasks listId={id} hasNested={inside.length > 0} />
      </section>
    </>
  );
}
