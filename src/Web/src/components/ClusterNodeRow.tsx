import type { ClusterNode } from '../api/types';
import { formatAgo, formatCpu, formatMemory, formatUptime } from '../lib/cluster';
import { fullTime } from '../lib/time';

/** One row of the cluster table; `now` is the snapshot time the ages are measured against. */
export function ClusterNodeRow({ node, now }: { node: ClusterNode; now: Date }) {
  const down = node.health === 'down';
  return (
    <tr data-testid="cluster-node" data-node-id={node.id} className={down ? 'node-down' : undefined}>
      <td>
        <span className="node-id" data-testid="cluster-node-id">{node.id}</span>
        <span className="node-address">{node.address}</span>
      </td>
      <td>
        <span className="role-badges" data-testid="cluster-node-roles">
          {node.roles.map((role) => <span key={role} className="badge" data-testid="cluster-node-role">{role}</span>)}
        </span>
      </td>
      <td data-testid="cluster-node-health" data-health={node.health}>
        <span className={`health-dot ${down ? 'health-down' : 'health-up'}`} aria-hidden="true" />
        <span className={`health-label ${down ? 'health-label-down' : 'health-label-up'}`}>{down ? 'down' : 'up'}</span>
      </td>
      <td className="num" data-testid="cluster-node-cpu">{formatCpu(node.cpuPercent)}</td>
      <td className="num" data-testid="cluster-node-in-flight">{node.inFlightRequests}</td>
      <td className="num" data-testid="cluster-node-streams">{node.openStreams}</td>
      <td className="num" data-testid="cluster-node-memory">{formatMemory(node.memoryBytes)}</td>
      <td data-testid="cluster-node-version">{node.version}</td>
      <td title={fullTime(node.startedAt)}>{formatUptime(node.startedAt, now)}</td>
      <td title={fullTime(node.lastHeartbeatAt)} data-testid="cluster-node-heartbeat">
        <time dateTime={node.lastHeartbeatAt}>{formatAgo(node.lastHeartbeatAt, now)}</time>
      </td>
    </tr>
  );
}
