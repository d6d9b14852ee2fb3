import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { ClusterStatus } from '../api/types';
import { ClusterNodeRow } from '../components/ClusterNodeRow';
import { ErrorBox } from '../components/ErrorBox';
import { clusterErrorText, isAccessDenied, snapshotTime, sortNodes } from '../lib/cluster';
import { fullTime } from '../lib/time';

const refreshMs = 3000;

/** Admin view of the nodes of the installation; polls while it is open. */
export function ClusterPage() {
  const [status, setStatus] = useState<ClusterStatus | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let alive = true;
    let busy = false;
    const load = async () => {
      if (busy) return;
      busy = true;
      try {
        const next = await api.clusterNodes();
        if (!alive) return;
        setStatus(next);
        setError(null);
      } catch (e) {
        if (!alive) return;
        setError(e);
        // Not signed in / no longer an admin: asking again will not help, and a table kept from
        // before would go on looking current.
        if (isAccessDenied(e)) {
          window.clearInterval(timer);
          setStatus(null);
        }
      } finally {
        busy = false;
      }
    };
    const timer = window.setInterval(() => void load(), refreshMs);
    void load();
    return () => {
      alive = false;
      window.clearInterval(timer);
    };
  }, []);

  const nodes = status ? sortNodes(status.nodes) : [];
  const now = snapshotTime(status?.at);
  const downCount = nodes.filter((n) => n.health === 'down').length;

  return (
    <div className="page">
      <section className="card">
        <h2>Cluster</h2>
        <ErrorBox error={error === null ? null : clusterErrorText(error)} testId="cluster-error" />
        {status === null && error === null && <p className="muted">Loading…</p>}
        {status && (
          <>
            <p className="muted cluster-summary">
              {nodes.length === 1 ? '1 node' : `${nodes.length} nodes`}
              {downCount > 0 && <>, <span className="health-label health-label-down" data-testid="cluster-down-count">{downCount} down</span></>}
              {' · '}as of <time dateTime={status.at}>{fullTime(status.at)}</time>
            </p>
            <div className="table-scroll">
              <table className="cluster-table" data-testid="cluster-table">
                <thead>
                  <tr>
                    <th>Node</th>
                    <th>Roles</th>
                    <th>Health</th>
                    <th className="num">CPU</th>
                    <th className="num">In flight</th>
                    <th className="num">SSE streams</th>
                    <th className="num">Memory</th>
                    <th>Version</th>
                    <th>Uptime</th>
                    <th>Heartbeat</th>
                  </tr>
                </thead>
                <tbody>
                  {nodes.map((node) => <ClusterNodeRow key={node.id} node={node} now={now} />)}
                </tbody>
              </table>
            </div>
            {nodes.length === 0 && <p className="muted empty">No node has registered yet.</p>}
          </>
        )}
      </section>
    </div>
  );
}
