import type { CatalogHeader, CatalogItem } from '../api/types';

interface Props {
  headers: CatalogHeader[];
  items: CatalogItem[];
  more: boolean;
  onMore: () => void;
}

export function CatalogItemsTable({ headers, items, more, onMore }: Props) {
  return (
    <>
      <div className="table-scroll">
        <table className="cluster-table catalog-table" data-testid="catalog-items">
          <thead>
            <tr>{headers.map((h) => <th key={h.id}>{h.name}</th>)}</tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} data-testid="catalog-row">
                {headers.map((h, i) => <td key={h.id}>{item.values[i] ?? ''}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {items.length === 0 && <p className="muted empty">No items.</p>}
      {more && <button type="button" className="btn btn-secondary btn-block" onClick={onMore}>Load more</button>}
    </>
  );
}
