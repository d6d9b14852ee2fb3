-- Bulk load for bench/tasks/run.sh: :tasks tasks for organisation :'org', whose members (created
-- through the API) are numbered by creation order in bench.members (n = 1 is the administrator).
-- Every row matches what the API itself writes (see WorkTask.Create, TaskChanges, CreateTaskEndpoint):
--   tasks            UUIDv7 ids in created_at order, version = 1 + one per later history entry
--   task_participants author + assignee (85 % of tasks have an assignee)
--   task_comments    'created' (ordinal 0) + 'assigned' (ordinal 1, text = assignee id) at created_at,
--                    0-5 'comment' entries spread up to updated_at, 'closed' at closed_at
--   task_user_states author always (read at created_at or later); assignee for 85 % of assigned tasks
-- Spread: created over the last year, weighted to recent; activity mostly soon after creation;
-- ~85 % of tasks untouched for 30 days are closed, ~25 % of newer ones; due dates on ~45 %.
-- Who: author and assignee drawn as 1 + floor(50 * random()^1.6): member 1 takes part in ~15 % of the tasks, member 50 in ~2.4 %.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
CREATE SCHEMA bench;

-- UUIDv7 for a given moment (PostgreSQL 15 has no uuidv7()); the API's ids are UUIDv7 too.
CREATE FUNCTION bench.uuid7(ts timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $$
  SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
         PLACING substring(int8send(floor(extract(epoch FROM ts) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
$$;

CREATE TABLE bench.members AS
  SELECT row_number() OVER (ORDER BY created_at, id)::int AS n, id, organization_id AS org
  FROM identity.users WHERE organization_id = :'org';
ALTER TABLE bench.members ADD PRIMARY KEY (n);

-- One row per task with every random choice made once.
CREATE TABLE bench.plan AS
WITH base AS (
  SELECT g,
         now() - interval '365 days' * power(random(), 1.4) AS created_at,
         1 + floor(50 * power(random(), 1.6))::int AS author_n,
         CASE WHEN random() < 0.85 THEN 1 + floor(50 * power(random(), 1.6))::int END AS assignee_raw,
         (ARRAY[0,0,0,0,0,1,1,2,3,5])[1 + floor(random() * 10)::int] AS extra,
         random() AS r_close, random() AS r_due, random() AS r_span, random() AS r_len
  FROM generate_series(1, :tasks) g
), spans AS (
  SELECT b.*,
         CASE WHEN b.assignee_raw = b.author_n THEN b.author_n % 50 + 1 ELSE b.assignee_raw END AS assignee_n,
         -- last activity: soon after creation for most tasks, weeks later for some
         least(b.created_at + (now() - b.created_at) * power(b.r_span, 4), now() - interval '1 minute') AS last_activity
  FROM base b
)
SELECT s.g, s.created_at, s.author_n, s.assignee_n, s.extra, s.r_due, s.r_len,
       closed,
       CASE WHEN s.extra = 0 AND NOT closed THEN s.created_at ELSE s.last_activity END AS updated_at
FROM spans s,
     LATERAL (SELECT CASE WHEN s.last_activity < now() - interval '30 days' THEN s.r_close < 0.85 ELSE s.r_close < 0.25 END AS closed) c;
UPDATE bench.plan SET updated_at = created_at + interval '1 second' WHERE closed AND extra = 0 AND updated_at <= created_at;
ALTER TABLE bench.plan ADD COLUMN id uuid;
UPDATE bench.plan SET id = bench.uuid7(created_at);
ALTER TABLE bench.plan ADD PRIMARY KEY (g);

INSERT INTO tasks.tasks (id, organization_id, title, description, author_id, assignee_id, created_at, updated_at,
                         closed_at, due_at, due_date, duration_minutes, version)
SELECT p.id, a.org,
       'Task ' || p.g || ': ' || left('Prepare the quarterly report for the regional office and agree it with finance', 20 + floor(p.r_len * 60)::int),
       CASE WHEN p.r_len < 0.3 THEN repeat('Details of the request, links and context. ', 1 + floor(p.r_len * 20)::int) ELSE '' END,
       a.id, m.id, p.created_at, p.updated_at,
       CASE WHEN p.closed THEN p.updated_at END,
       CASE WHEN p.r_due >= 0.35 AND p.r_due < 0.45 THEN date_trunc('hour', p.created_at) + interval '1 hour' * (1 + floor(p.r_due * 1000)::int % 240) END,
       CASE WHEN p.r_due < 0.35 THEN (p.created_at + interval '1 day' * (1 + floor(p.r_due * 1000)::int % 30))::date END,
       CASE WHEN p.r_due >= 0.35 AND p.r_due < 0.45 THEN (ARRAY[30, 60, 90])[1 + floor(p.r_due * 1000)::int % 3] END,
       1 + p.extra + CASE WHEN p.closed THEN 1 ELSE 0 END
FROM bench.plan p JOIN bench.members a ON a.n = p.author_n LEFT JOIN bench.members m ON m.n = p.assignee_n
ORDER BY p.created_at;

INSERT INTO tasks.task_participants (task_id, user_id, organization_id, task_updated_at)
SELECT p.id, m.id, m.org, p.updated_at
FROM bench.plan p JOIN bench.members m ON m.n IN (p.author_n, p.assignee_n)
ORDER BY p.created_at;

-- History: created, assigned, comments (alternating author/assignee), closed.
INSERT INTO tasks.task_comments (id, ordinal, task_id, organization_id, author_id, kind, text, created_at, changes, spent_minutes)
SELECT bench.uuid7(e.at), e.ordinal, p.id, a.org, e.who, e.kind, e.text, e.at, '[]'::jsonb, NULL
FROM bench.plan p
JOIN bench.members a ON a.n = p.author_n
LEFT JOIN bench.members m ON m.n = p.assignee_n
CROSS JOIN LATERAL (
  SELECT 0 AS ordinal, a.id AS who, 'created' AS kind, NULL::text AS text, p.created_at AS at
  UNION ALL
  SELECT 1, a.id, 'assigned', m.id::text, p.created_at WHERE m.id IS NOT NULL
  UNION ALL
  SELECT 0, CASE WHEN i % 2 = 1 AND m.id IS NOT NULL THEN m.id ELSE a.id END, 'comment',
         'Comment ' || i || ' on task ' || p.g || ': status update, next steps and a question for the team.',
         p.created_at + (p.updated_at - p.created_at) * i / (p.extra + CASE WHEN p.closed THEN 1 ELSE 0 END)
  FROM generate_series(1, p.extra) i
  UNION ALL
  SELECT 0, coalesce(m.id, a.id), 'closed', NULL, p.updated_at WHERE p.closed
) e
ORDER BY e.at;

-- Personal state: the author read their task (80 % up to the latest activity); the assignee read
-- 85 % of what they were given (70 % up to date); a few "done for now" and snoozed.
INSERT INTO tasks.task_user_states (task_id, user_id, organization_id, last_read_at, dismissed_at, snoozed_until)
SELECT p.id, s.user_id, a.org, s.last_read_at,
       CASE WHEN s.r < 0.05 THEN s.last_read_at END,
       CASE WHEN s.r >= 0.05 AND s.r < 0.07 AND NOT p.closed THEN now() + interval '1 day' * (1 + floor(s.r * 1000)::int % 7) END
FROM bench.plan p
JOIN bench.members a ON a.n = p.author_n
LEFT JOIN bench.members m ON m.n = p.assignee_n
CROSS JOIN LATERAL (
  SELECT a.id AS user_id, CASE WHEN random() < 0.8 THEN p.updated_at ELSE p.created_at END AS last_read_at, random() AS r
  UNION ALL
  SELECT m.id, CASE WHEN random() < 0.82 THEN p.updated_at ELSE p.created_at END, random()
  WHERE m.id IS NOT NULL AND random() < 0.85
) s
ORDER BY p.created_at;
