-- pgbench: what POST /api/v1/tasks/{id}/comments does (TaskChanges.ApplyAsync), as EF sends it:
-- lock the task row, load it as the caller may see it (+ its participants, + the caller's state),
-- then the outbox row, the comment, the caller's read state (upsert) and the task's version/updated_at.
-- Targets: bench.comment_targets, the same (user, task) pairs the wrk run comments on. -D targets=N.
\set k random(1, :targets)
SELECT task_id AS tid, user_id AS uid, organization_id AS org FROM bench.comment_targets WHERE n = :k::int
\gset
BEGIN;
SELECT 1 FROM tasks.tasks WHERE id = :tid AND organization_id = :org FOR UPDATE;
SELECT t.id, t.assignee_id, t.author_id, t.closed_at, t.created_at, t.description, t.due_at, t.due_date, t.duration_minutes, t.organization_id, t.title, t.updated_at, t.version
FROM tasks.tasks AS t
WHERE t.id = :tid AND t.organization_id = :org AND (EXISTS (
    SELECT 1 FROM tasks.task_participants AS t0 WHERE t.id = t0.task_id AND t0.user_id = :uid) OR EXISTS (
    SELECT 1 FROM tasks.list_items AS l WHERE l.task_id = t.id AND EXISTS (
        SELECT 1 FROM tasks.list_members AS l0 WHERE l0.list_id = l.list_id AND l0.user_id = :uid)))
ORDER BY t.id
LIMIT 1;
SELECT t1.task_id, t1.user_id, t1.organization_id, t2.id
FROM (
    SELECT t.id FROM tasks.tasks AS t
    WHERE t.id = :tid AND t.organization_id = :org AND (EXISTS (
        SELECT 1 FROM tasks.task_participants AS t0 WHERE t.id = t0.task_id AND t0.user_id = :uid) OR EXISTS (
        SELECT 1 FROM tasks.list_items AS l WHERE l.task_id = t.id AND EXISTS (
            SELECT 1 FROM tasks.list_members AS l0 WHERE l0.list_id = l.list_id AND l0.user_id = :uid)))
    ORDER BY t.id
    LIMIT 1
) AS t2
INNER JOIN tasks.task_participants AS t1 ON t2.id = t1.task_id
ORDER BY t2.id;
SELECT t.task_id, t.user_id, t.dismissed_at, t.last_read_at, t.organization_id, t.snoozed_until
FROM tasks.task_user_states AS t WHERE t.task_id = :tid AND t.user_id = :uid LIMIT 1;
INSERT INTO tasks.outbox_messages (id, attempts, last_error, occurred_at, payload, published_at, type)
VALUES (bench.uuid7(now()), 0, NULL, now(),
        jsonb_build_object('kind', 'comment', 'title', 'Bench task', 'taskId', :tid::uuid, 'authorId', :uid::uuid, 'commentId', bench.uuid7(now()),
                           'occurredAt', now(), 'organizationId', :org::uuid, 'participantIds', jsonb_build_array(:uid::uuid)),
        NULL, 'Platform.Modules.Tasks.Contracts.TaskCommented');
INSERT INTO tasks.task_comments (id, author_id, changes, created_at, kind, ordinal, organization_id, spent_minutes, task_id, text)
VALUES (bench.uuid7(now()), :uid, '[]', now(), 'comment', 0, :org, NULL, :tid, 'Bench comment: status update and next steps.');
INSERT INTO tasks.task_user_states (task_id, user_id, dismissed_at, last_read_at, organization_id, snoozed_until)
VALUES (:tid, :uid, NULL, now(), :org, NULL)
ON CONFLICT (task_id, user_id) DO UPDATE SET last_read_at = excluded.last_read_at;
UPDATE tasks.tasks SET updated_at = now(), version = version + 1 WHERE id = :tid;
UPDATE tasks.task_participants SET task_updated_at = now() WHERE task_id = :tid;
COMMIT;
