import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../api/client';
import type { FormTemplate, FormTemplateSummary, TaskDetails } from '../api/types';
import { dueForm, duePatch } from '../lib/due';
import type { Draft } from '../lib/formValues';
import { fieldErrors, isRequiredAt, toDraft, valuesFromDraft } from '../lib/formValues';
import { sendBlocker, uploadedIds } from '../lib/uploads';
import { useSubmit } from '../lib/useSubmit';
import { useFileDrop, useUploads } from '../lib/useUploads';
import { useUsers } from '../lib/users';
import { DueEditor } from './DueEditor';
import { ErrorBox } from './ErrorBox';
import { Field } from './Field';
import { FormFieldInputs } from './FormFieldInput';
import { AttachButton, UploadList } from './UploadList';

interface Props {
  onCreated: (task: TaskDetails) => void;
}

export function NewTaskForm({ onCreated }: Props) {
  const { users } = useUsers();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [assigneeId, setAssigneeId] = useState('');
  const [due, setDue] = useState(() => dueForm({}));
  const { busy, error, setError, run } = useSubmit();
  const sorted = [...users].sort((a, b) => a.displayName.localeCompare(b.displayName));
  const [templates, setTemplates] = useState<FormTemplateSummary[]>([]);
  const [templateId, setTemplateId] = useState('');
  const [template, setTemplate] = useState<FormTemplate | null>(null);
  const [draft, setDraft] = useState<Draft>({});
  const uploads = useUploads();
  const drop = useFileDrop(uploads.add);
  const blocker = sendBlocker(uploads.items);

  useEffect(() => {
    let live = true;
    api.forms().then((page) => { if (live) setTemplates(page.items); }, () => undefined);
    return () => { live = false; };
  }, []);

  useEffect(() => {
    setTemplate(null);
    setDraft({});
    if (!templateId) return;
    let live = true;
    api.form(templateId).then((t) => {
      if (!live) return;
      setTemplate(t);
      setDraft(toDraft(t.fields, {}));
    }, (e: unknown) => { if (live) setError(e); });
    return () => { live = false; };
  }, [templateId, setError]);

  const formChosen = templateId !== '';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim() && !formChosen) {
      setError('Give the task a title.');
      return;
    }
    let dueFields;
    try {
      const d = duePatch(due);
      dueFields = d.dueDate ? { dueDate: d.dueDate }
        : d.dueAt ? { dueAt: d.dueAt, ...(d.durationMinutes ? { durationMinutes: d.durationMinutes } : {}) } : {};
    } catch (err) {
      setError((err as Error).message);
      return;
    }
    if (blocker) {
      setError(blocker);
      return;
    }
    if (formChosen && !template) {
      setError('The form is still loading.');
      return;
    }
    const attachments = uploadedIds(uploads.items);
    void run(async () => {
      const task = await api.createTask({
        ...(attachments.length > 0 ? { attachments } : {}),
        ...dueFields,
        ...(title.trim() ? { title: title.trim() } : {}),
        ...(formChosen && template ? { form: { templateId: template.id, values: valuesFromDraft(template.fields, draft) } } : {}),
        ...(description.trim() ? { description: description.trim() } : {}),
        ...(assigneeId ? { assigneeId } : {}),
      });
      setTitle('');
      setDescription('');
      setAssigneeId('');
      setDue(dueForm({}));
      setTemplateId('');
      uploads.sent(attachments);
      onCreated(task);
    });
  };

  return (
    <form className={`card new-task drop-zone${drop.dragging ? ' dragging' : ''}`} onSubmit={submit} noValidate
      {...drop.handlers}>
      <h2>New task</h2>
      <ErrorBox error={error} testId="new-task-error" />
      <Field label="Form" htmlFor="new-task-form">
        <select id="new-task-form" data-testid="new-task-form-select" value={templateId}
          onChange={(e) => setTemplateId(e.target.value)}>
          <option value="">Simple task</option>
          {templates.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </select>
      </Field>
      <Field label={formChosen ? 'Title (optional: the form name by default)' : 'Title'} htmlFor="new-task-title">
        <input id="new-task-title" data-testid="new-task-title" maxLength={200}
          value={title} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      <Field label="Description" htmlFor="new-task-description">
        <textarea id="new-task-description" data-testid="new-task-description" rows={3}
          value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      {formChosen && (template
        ? <FormFieldInputs fields={template.fields} draft={draft} errors={fieldErrors(error)} idPrefix="new-task-field"
            testIdPrefix="new-task-field-" onChange={setDraft} isRequired={(f) => isRequiredAt(f, 1)} />
        : <p className="muted">Loading the form…</p>)}
      <div className="attach-row">
        <AttachButton testId="new-task-attach" onFiles={uploads.add} disabled={busy} />
        <small className="hint">{drop.dragging ? 'Drop files to attach them' : 'or drop files here'}</small>
      </div>
      <UploadList items={uploads.items} onRemove={uploads.remove} />
      <DueEditor idPrefix="new-task-due" value={due} onChange={setDue} />
      <div className="form-row">
        <Field label="Assignee" htmlFor="new-task-assignee">
          <select id="new-task-assignee" data-testid="new-task-assignee"
            value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)}>
            <option value="">Unassigned</option>
            {sorted.map((u) => <option key={u.id} value={u.id}>{u.displayName}</option>)}
          </select>
        </Field>
        <button type="submit" className="btn btn-primary" data-testid="new-task-submit" disabled={busy || blocker !== null}
          title={blocker ?? undefined}>
          {busy ? 'Creating…' : 'Create task'}
        </button>
      </div>
    </form>
  );
}
