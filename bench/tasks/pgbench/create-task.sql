-- pgbench: what POST /api/v1/tasks writes (CreateTaskEndpoint + WorkTask.Create), as EF sends it:
-- the assignee lookup (IUserDirectory.FindAsync), then one transaction with the outbox row, the
-- author's read state, the task, its 'created' and 'assigned' history entries and both participants.
-- Author: one of the benchmark users (bench.actors); assignee: any other member. -D actors=N members=M.
\set a random(1, :actors)
\set m random(1, :members - 1)
SELECT a.id AS author, u.organization_id AS org, u.id AS assignee, bench.uuid7(clock_timestamp()) AS tid
FROM bench.actors a
JOIN identity.users u ON u.id = (SELECT id FROM bench.members WHERE n = CASE WHEN :m::int >= a.member_n THEN :m::int + 1 ELSE :m::int END)
WHERE a.n = :a::int AND u.organization_id = a.organization_id
\gset
BEGIN;
INSERT INTO tasks.outbox_messages (id, attempts, last_error, occurred_at, payload, published_at, type)
VALUES (bench.uuid7(now()), 0, NULL, now(),
        jsonb_build_object('title', 'Bench task', 'taskId', :tid::uuid, 'authorId', :author::uuid, 'assigneeId', :assignee::uuid,
                           'occurredAt', now(), 'organizationId', :org::uuid, 'participantIds', jsonb_build_array(:author::uuid, :assignee::uuid)),
        NULL, 'Platform.Modules.Tasks.Contracts.TaskCreated');
INSERT INTO tasks.task_user_states (task_id, user_id, dismissed_at, last_read_at, organization_id, snoozed_until)
VALUES (:tid, :author, NULL, now(), :org, NULL);
INSERT INTO tasks.tasks (id, assignee_id, author_id, closed_at, created_at, description, due_at, due_date, duration_minutes, organization_id, title, updated_at, version)
VALUES (:tid, :assignee, :author, NULL, now(), '', NULL, NULL, NULL, :org, 'Bench task', now(), 1);
INSERT INTO tasks.task_comments (id, author_id, changes, created_at, kind, ordinal, organization_id, spent_minutes, task_id, text)
VALUES (bench.uuid7(now()), :author, '[]', now(), 'assigned', 1, :org, NULL, :tid, :assignee::text);
INSERT INTO tasks.task_comments (id, author_id, changes, created_at, kind, ordinal, organization_id, spent_minutes, task_id, text)
VALUES (bench.uuid7(now()), :author, '[]', now(), 'created', 0, :org, NULL, :tid, NULL);
INSERT INTO tasks.task_participants (task_id, user_id, organization_id, task_updated_at) VALUES (:tid, :author, :org, now());
INSERT INTO tasks.task_participants (task_id, user_id, organization_id, task_updated_at) VALUES (:tid, :assignee, :org, now());
COMMIT;
