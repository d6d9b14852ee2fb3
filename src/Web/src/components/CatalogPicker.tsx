import { useEffect, useState } from 'react';
import { catalogsApi } from '../api/catalogs';
import type { CatalogItem } from '../api/types';

const firstPage = 500;
const freshMs = 60_000;

interface Loaded {
  items: CatalogItem[];
  more: boolean;
  at: number;
}

// One load per catalog for every picker on the page (a table has one per row).
const cache = new Map<string, Promise<Loaded>>();

function loadItems(catalogId: string): Promise<Loaded> {
  const cached = cache.get(catalogId);
  if (cached) return cached.then((l) => (Date.now() - l.at < freshMs ? l : reload(catalogId)));
  return reload(catalogId);
}

function reload(catalogId: string): Promise<Loaded> {
  const loading = catalogsApi.get(catalogId, null, firstPage)
    .then((page) => ({ items: page.items, more: !!page.nextCursor, at: Date.now() }));
  cache.set(catalogId, loading);
  loading.catch(() => cache.delete(catalogId));
  return loading;
}

interface Props {
  catalogId: string | null | undefined;
  id: string;
  testId: string;
  value: string;
  disabled?: boolean;
  ariaLabel?: string;
  onChange: (key: string) => void;
}

/**
 * A catalog field: the item's key, typed or picked from suggestions (the catalog's first 500 items
 * by key; the API has no search), with the picked item's other values shown under it.
 */
export function CatalogPicker({ catalogId, id, testId, value, disabled, ariaLabel, onChange }: Props) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!catalogId) return;
    let live = true;
    loadItems(catalogId).then((l) => { if (live) setLoaded(l); }, () => { if (live) setFailed(true); });
    return () => { live = false; };
  }, [catalogId]);

  const key = value.trim();
  const item = loaded?.items.find((i) => i.key === key);
  const listId = `${id}-items`;
  const note = !key ? null
    : item ? item.values.slice(1).filter((v) => v !== '').join(' · ') || null
    : loaded?.more ? 'Not among the first items shown; the server checks the key when you save.'
    : loaded ? 'There is no item with this key in the catalog.'
    : null;

  return (
    <span className="catalog-picker">
      <input id={id} data-testid={testId} list={listId} value={value} disabled={disabled} aria-label={ariaLabel}
        autoComplete="off" placeholder="Type or pick a key" aria-describedby={note ? `${id}-note` : undefined}
        onChange={(e) => onChange(e.target.value)} />
      <datalist id={listId}>
        {(loaded?.items ?? []).map((i) => (
          <option key={i.id} value={i.key}>{i.values.slice(1).filter((v) => v !== '').join(' · ')}</option>
        ))}
      </datalist>
      {note && <small id={`${id}-note`} className={item ? 'hint' : 'hint hint-warning'} data-testid={`${testId}-note`}>{note}</small>}
      {failed && <small className="hint hint-warning">The catalog could not be loaded; type the key.</small>}
    </span>
  );
}
