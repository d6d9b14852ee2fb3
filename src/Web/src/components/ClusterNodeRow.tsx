import type { ClusterNode } from '../api/types';
import { formatAgo, formatCpu, formatMemory, formatUptime } from '../lib/cluster';
import { fullTime } from '../lib/time';

/** One row of the cluster table; `now` is the snapshot time the ages are measured against. */
export function ClusterNodeRow({ node, now }: { node: ClusterNode; now: Date }) {
  const down = node.health === 'down';
  return (
    <tr data-testid="cluster-node" data-node-id={node.id} className={down ? 'node-down' : undefined}>
      <td>
        <span className="node-id">{node.id}</span>
        <span className="node-address">{node.address}</span>
      </td>
      <td>
        <span className="role-badges">
          {node.roles.map((role) => <span key={role} className="badge">{role}</span>)}
        </span>
      </td>
      <td data-testid="cluster-node-health" data-health={node.health}>
        <span className={`health-dot ${down ? 'health-down' : 'health-up'}`} aria-hidden="true" />
        {down ? <span className="health-label">down</span> : <span className="sr-only">up</span>}
      </td>
      <td className="num">{formatCpu(node.cpuPercent)}</td>
      <td className="num">{node.inFlightRequests}</td>
      <td className="num">{node.openStreams}</td>
      <td className="num">{formatMemory(node.memoryBytes)}</td>
      <td>{node.version}</td>
      <td title={fullTime(node.startedAt)}>{formatUptime(node.startedAt, now)}</td>
      <td title={fullTime(node.lastHeartbeatAt)}>{formatAgo(node.lastHeartbeatAt, now)}</td>
    </tr>
  );
}
