-- Form tasks for bench/tasks/run.sh: 30 % of the tasks seed.sql wrote become tasks of form :'template'
-- (created through the API with fields amount: number and city: text, no route), written as the API
-- writes them: form_template_id, form_version 1, form_values {"amount": n, "city": "..."} and the route
-- state the API stored for a form without steps (:'route', read back from a form task the API created).
-- Cities: 20, uniform, so a city filter matches ~1 500 of the ~30 000 form tasks. Their participant rows
-- carry the form too (task_participants.form_template_id), as the API keeps them.
\set ON_ERROR_STOP on
UPDATE tasks.tasks t
SET form_template_id = :'template',
    form_version = 1,
    form_values = jsonb_build_object(
      'amount', 100 + floor(random() * 99900)::int,
      'city', (ARRAY['Paris','Berlin','Madrid','Rome','Vienna','Prague','Warsaw','Lisbon','Dublin','Oslo',
                     'Helsinki','Athens','Sofia','Riga','Tallinn','Vilnius','Zagreb','Brussels','Bern','Budapest'])[1 + floor(random() * 20)::int]),
    route_state = :'route'::jsonb
FROM bench.plan p
WHERE p.id = t.id AND p.g % 10 < 3;

UPDATE tasks.task_participants p
SET form_template_id = t.form_template_id
FROM tasks.tasks t
WHERE t.id = p.task_id AND t.form_template_id IS NOT NULL AND p.form_template_id IS NULL;
