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
  /** Null for bots. */
  email: string;
  displayName: string;
  isAdmin: boolean;
  position?: string | null;
  isBlocked?: boolean;
  isBot?: boolean;
  departments?: NamedRef[];
  roles?: NamedRef[];
}

export interface NamedRef {
  id: string;
  name: string;
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
  dueDate?: string | null;
  dueAt?: string | null;
  closedAt?: string | null;
  createdAt: string;
  updatedAt: string;
  commentCount: number;
}

export type CommentKind = 'created' | 'comment' | 'assigned' | 'changed' | 'closed' | 'reopened'
  | 'approved' | 'rejected' | 'revoked' | 're_requested';

/** One field's change inside a history entry (values as text; user ids for people fields). */
export interface FieldChange {
  field: string;
  from: string | null;
  to: string | null;
}

export interface Comment {
  id: string;
  taskId: string;
  authorId: string;
  kind: CommentKind;
  text: string | null;
  /** Server-rendered safe Markdown of `text` (null for `assigned`). */
  textHtml?: string | null;
  changes?: FieldChange[];
  spentMinutes?: number | null;
  /** Files attached to the entry (empty or absent when none). */
  attachments?: AttachmentRef[];
  createdAt: string;
}

/** A file as a comment lists it; the rest (preview state) comes from `GET /files/{id}`. */
export interface AttachmentRef {
  id: string;
  name: string;
  contentType: string;
  length: number;
}

export type PreviewStatus = 'pending' | 'ready' | 'failed' | 'unsupported' | 'skipped';

export interface FilePreview {
  status: PreviewStatus;
  /** Why there is no preview (failed, unsupported, skipped). */
  reason: string | null;
  /** How many page images exist (`/pages/1…pages`). */
  pages: number;
  /** The document's real page count when known (may exceed `pages`). */
  pageCount: number | null;
  width: number | null;
  height: number | null;
}

/** `POST /files` and `GET /files/{id}`. */
export interface StoredFile {
  id: string;
  name: string;
  contentType: string;
  length: number;
  sha256: string;
  md5: string;
  uploadedBy: string;
  createdAt: string;
  attached: boolean;
  preview: FilePreview;
  contentUrl: string;
  thumbnailUrl: string | null;
}

/** A due date: a whole day (`dueDate`), or a moment (`dueAt`) with an optional duration. */
export interface Due {
  dueDate: string | null;
  dueAt: string | null;
  durationMinutes: number | null;
}

export interface TaskDetails {
  id: string;
  title: string;
  description: string | null;
  /** Server-rendered safe Markdown of the description. */
  descriptionHtml?: string;
  authorId: string;
  assigneeId: string | null;
  participantIds: string[];
  /** People who follow the task without taking part in it (never also participants). */
  subscriberIds: string[];
  dueDate?: string | null;
  dueAt?: string | null;
  durationMinutes?: number | null;
  closedAt?: string | null;
  version?: number;
  createdAt: string;
  updatedAt: string;
  comments: Comment[];
  /** Present for form tasks only. */
  form?: TaskForm | null;
  /** The lists holding the task that I can see (administrators: all of them). */
  listIds: string[];
}

export type FormValue = string | number | boolean | string[] | Record<string, unknown>[] | null;
export type FormValues = Record<string, FormValue | undefined>;

export interface ChoiceOption {
  id: string;
  label: string;
}

export interface FormFieldDef {
  code: string;
  type: string;
  label: string;
  requiredFromStep?: number | null;
  readOnlyFromStep?: number | null;
  min?: number | null;
  max?: number | null;
  decimals?: number | null;
  currency?: string | null;
  options?: ChoiceOption[] | null;
  catalogId?: string | null;
  columns?: FormFieldDef[] | null;
}

export interface FormTemplateSummary {
  id: string;
  name: string;
  version: number;
  isArchived?: boolean;
  createdAt?: string;
  updatedAt?: string;
}

export type RuleAction = 'add_approver' | 'add_participant';
export type ConditionOperator = 'equals' | 'not_equals' | 'greater' | 'less' | 'is_set';
export type OnReject = 'back_to_previous_step' | 'back_to_first_step' | 'close_rejected';

export interface RouteCondition {
  field: string;
  operator: ConditionOperator | string;
  /** Stored as text; sent as a string, number or boolean. */
  value?: string | number | boolean | null;
}

export interface RouteRule {
  action: RuleAction | string;
  step?: number | null;
  users?: string[];
  fromField?: string | null;
  when?: RouteCondition | null;
}

export interface RouteStepDef {
  number?: number;
  name?: string | null;
  approvers: string[];
  roles?: string[];
}

export interface FormRoute {
  steps: RouteStepDef[];
  rules?: RouteRule[];
  onReject?: OnReject | string;
}

/** One version of a template (`GET /forms/{id}` is the latest; `?version=n` an older one). */
export interface FormTemplate {
  id: string;
  version: number;
  latestVersion?: number;
  name: string;
  description?: string | null;
  isArchived?: boolean;
  fields: FormFieldDef[];
  route: FormRoute;
  createdAt?: string;
  versionCreatedAt?: string;
}

/** One entry of `GET /api/v1/forms/{id}/versions` (newest first). */
export interface FormTemplateVersionSummary {
  version: number;
  createdAt: string;
  createdBy: string;
  /** Null when the author is no longer known. */
  createdByName: string | null;
  /** Top-level fields, layout ones included. */
  fieldCount: number;
  stepCount: number;
}

export interface FormTemplateVersionPage extends Page<FormTemplateVersionSummary> {
  latestVersion: number;
}

/** Body of POST /forms and PUT /forms/{id}: the complete definition. */
export interface FormTemplateInput {
  name: string;
  description?: string | null;
  fields: FormFieldInput[];
  route: FormRoute;
}

export type FormFieldInput = Omit<FormFieldDef, 'options' | 'columns'> & {
  options?: { id?: string; label: string }[] | null;
  columns?: FormFieldInput[] | null;
};

/** One row of a form's register. */
export interface RegisterItem {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  step: number | null;
  routeStatus: RouteStatus | string | null;
  values: FormValues;
}

export type Decision = 'pending' | 'approved' | 'rejected';
export type RouteStatus = 'in_progress' | 'approved' | 'rejected';

export interface RouteStateStep {
  number: number;
  approvers: { userId: string; decision: Decision | string }[];
}

export interface RouteState {
  currentStep: number;
  status: RouteStatus | string;
  steps: RouteStateStep[];
}

export interface TaskForm {
  templateId: string;
  templateVersion: number;
  values: FormValues;
  route: RouteState;
  awaitingApprovalFrom: string[];
}

export interface NewTask {
  title?: string;
  form?: { templateId: string; values: FormValues };
  description?: string;
  assigneeId?: string;
  dueDate?: string;
  dueAt?: string;
  durationMinutes?: number;
  /** Ids of files uploaded beforehand (`POST /files`). */
  attachments?: string[];
}

/** Body of PATCH /tasks/{id}: absent = unchanged, null = cleared. */
export interface TaskPatch {
  title?: string;
  description?: string;
  assigneeId?: string | null;
  dueDate?: string | null;
  dueAt?: string | null;
  durationMinutes?: number | null;
  text?: string;
}

export type InboxReason = 'responsible' | 'new_activity' | 'approval';

export interface InboxItem {
  id: string;
  title: string;
  authorId: string;
  assigneeId: string | null;
  dueDate: string | null;
  dueAt: string | null;
  updatedAt: string;
  unread: boolean;
  reason: InboxReason | string;
}

export interface CalendarItem {
  id: string;
  title: string;
  assigneeId: string | null;
  dueDate: string | null;
  dueAt: string | null;
  durationMinutes: number | null;
  closedAt: string | null;
}

export interface CalendarPage {
  from: string;
  to: string;
  items: CalendarItem[];
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

export interface CatalogHeader {
  id: number;
  name: string;
  type: string;
}

export interface CatalogSummary {
  id: string;
  name: string;
  version: number;
  itemCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface Catalog extends CatalogSummary {
  headers: CatalogHeader[];
}

export interface CatalogItem {
  id: string;
  key: string;
  values: string[];
}

export interface CatalogDetails extends Catalog {
  items: CatalogItem[];
  nextCursor: string | null;
}

/** Create / full-sync body: headers by name, items as one value per header. */
export interface CatalogInput {
  name?: string;
  headers: { name: string; type?: string }[];
  items: { values: string[] }[];
}

export interface CatalogChangeResult {
  version: number;
  added: number;
  updated: number;
  deleted: number;
  unchanged: number;
}

export interface Department {
  id: string;
  name: string;
  parentId: string | null;
  headUserId: string | null;
  memberIds: string[];
}

export interface DepartmentInput {
  name: string;
  parentId: string | null;
  headUserId: string | null;
}

export interface Role {
  id: string;
  name: string;
  memberIds: string[];
}

export interface Bot {
  id: string;
  displayName: string;
  isBlocked: boolean;
  keyHint: string | null;
  keyCreatedAt: string | null;
  createdAt: string;
}

/** The answer to creating a bot or rotating its key: the only time the key is shown. */
export interface IssuedBotKey {
  id: string;
  displayName: string;
  apiKey: string;
  keyHint: string;
  keyCreatedAt: string;
}

/** RFC 9457 problem details as sent by the backend. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[] | string>;
}
