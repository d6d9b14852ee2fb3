export interface SetupStatus {
  setupRequired: boolean;
}

export interface SetupRequest {
  setupToken: string;
  organizationName: string;
  adminEmail: string;
  adminDisplayName: string;
  adminPassword: string;
}

export interface Me {
  id: string;
  email: string;
  displayName: string;
  isAdmin: boolean;
  organization: { id: string; name: string };
}

export interface User {
  id: string;
  email: string;
  displayName: string;
  isAdmin: boolean;
}

export interface NewUser {
  email: string;
  displayName: string;
  password: string;
}

export interface TaskSummary {
  id: string;
  title: string;
  authorId: string;
  assigneeId: string | null;
  createdAt: string;
  updatedAt: string;
  commentCount: number;
}

export type CommentKind = 'created' | 'comment' | 'assigned';

export interface Comment {
  id: string;
  taskId: string;
  authorId: string;
  kind: CommentKind;
  text: string | null;
  createdAt: string;
}

export interface TaskDetails {
  id: string;
  title: string;
  description: string | null;
  authorId: string;
  assigneeId: string | null;
  participantIds: string[];
  createdAt: string;
  updatedAt: string;
  comments: Comment[];
}

export interface NewTask {
  title: string;
  description?: string;
  assigneeId?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type NodeHealth = 'up' | 'down';

/** One node of the installation as reported by `GET /api/v1/admin/cluster/nodes`. */
export interface ClusterNode {
  id: string;
  roles: string[];
  address: string;
  version: string;
  startedAt: string;
  lastHeartbeatAt: string;
  health: NodeHealth;
  cpuPercent: number;
  inFlightRequests: number;
  openStreams: number;
  memoryBytes: number;
}

export interface ClusterStatus {
  nodes: ClusterNode[];
  /** Server time of the snapshot; uptimes and heartbeat ages are measured against it. */
  at: string;
}

/** RFC 9457 problem details as sent by the backend. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[] | string>;
}
