import { ApiError } from '../api/problem';
import type { FormFieldDef, FormFieldInput, FormTemplate, FormTemplateInput, OnReject, RouteRule } from '../api/types';
import { parseNumber } from './register';

/**
 * The form designer's editable copy of a template, and its conversion to the API's definition
 * (docs/forms.md). Inputs hold text; numbers are parsed on save. Errors use the API's paths
 * (`fields[2].options[0].label`, `route.steps[1].approvers`), so the server's field errors and the
 * client's own land next to the same inputs: the draft's lists are sent in order, index for index.
 */

export interface FieldTypeInfo {
  type: string;
  label: string;
  /** Allowed as a table column. */
  inTable: boolean;
}

export const fieldTypes: readonly FieldTypeInfo[] = [
  { type: 'text', label: 'Text', inTable: true },
  { type: 'multiline_text', label: 'Multi-line text', inTable: true },
  { type: 'number', label: 'Number', inTable: true },
  { type: 'money', label: 'Money', inTable: true },
  { type: 'date', label: 'Date', inTable: true },
  { type: 'time', label: 'Time', inTable: true },
  { type: 'due_date', label: 'Due date', inTable: true },
  { type: 'checkbox', label: 'Checkbox', inTable: true },
  { type: 'single_choice', label: 'Single choice', inTable: true },
  { type: 'multiple_choice', label: 'Multiple choice', inTable: true },
  { type: 'person', label: 'Person', inTable: true },
  { type: 'catalog', label: 'Catalog item', inTable: true },
  { type: 'file', label: 'Files', inTable: true },
  { type: 'email', label: 'E-mail', inTable: true },
  { type: 'phone', label: 'Phone', inTable: true },
  { type: 'table', label: 'Table', inTable: false },
  { type: 'title', label: 'Title (layout)', inTable: false },
  { type: 'section', label: 'Section (layout)', inTable: false },
];

export const typeLabel = (type: string) => fieldTypes.find((t) => t.type === type)?.label ?? type;
export const isLayoutType = (type: string) => type === 'title' || type === 'section';
export const isChoiceType = (type: string) => type === 'single_choice' || type === 'multiple_choice';
/** Types `greater` / `less` conditions apply to. */
export const isOrderedType = (type: string) => ['number', 'money', 'date', 'time', 'due_date'].includes(type);

export interface OptionDraft {
  key: string;
  /** Absent for a new option: the server assigns one (o1, o2 …). */
  id?: string;
  label: string;
}

export interface FieldDraft {
  key: string;
  code: string;
  /** The code was typed by hand (or saved before): stop deriving it from the label. */
  codeLocked: boolean;
  type: string;
  label: string;
  requiredFromStep: string;
  readOnlyFromStep: string;
  min: string;
  max: string;
  decimals: string;
  currency: string;
  options: OptionDraft[];
  catalogId: string;
  columns: FieldDraft[];
}

export interface StepDraft {
  key: string;
  name: string;
  approvers: string[];
  roles: string[];
}

export interface RuleDraft {
  key: string;
  action: 'add_approver' | 'add_participant';
  step: string;
  users: string[];
  fromField: string;
  /** Empty = always. */
  whenField: string;
  whenOperator: string;
  whenValue: string;
}

export interface TemplateDraft {
  name: string;
  description: string;
  fields: FieldDraft[];
  steps: StepDraft[];
  rules: RuleDraft[];
  onReject: OnReject;
}

let counter = 0;
/** A React key for a new list entry (never sent). */
export const newKey = () => `k${++counter}`;

export function newField(type = 'text'): FieldDraft {
  return {
    key: newKey(), code: '', codeLocked: false, type, label: '', requiredFromStep: '', readOnlyFromStep: '',
    min: '', max: '', decimals: '', currency: type === 'money' ? 'EUR' : '',
    options: isChoiceType(type) ? [{ key: newKey(), label: '' }] : [], catalogId: '',
    columns: type === 'table' ? [newField('text')] : [],
  };
}

export const newStep = (): StepDraft => ({ key: newKey(), name: '', approvers: [], roles: [] });

export const newRule = (): RuleDraft => ({
  key: newKey(), action: 'add_approver', step: '1', users: [], fromField: '', whenField: '', whenOperator: 'equals', whenValue: '',
});

export const emptyTemplate = (): TemplateDraft => ({
  name: '', description: '', fields: [newField('text')], steps: [], rules: [], onReject: 'back_to_previous_step',
});

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

function fieldDraft(f: FormFieldDef): FieldDraft {
  return {
    key: newKey(), code: f.code, codeLocked: true, type: f.type, label: f.label,
    requiredFromStep: text(f.requiredFromStep), readOnlyFromStep: text(f.readOnlyFromStep),
    min: text(f.min), max: text(f.max), decimals: f.type === 'money' ? '' : text(f.decimals), currency: f.currency ?? '',
    options: (f.options ?? []).map((o) => ({ key: newKey(), id: o.id, label: o.label })),
    catalogId: f.catalogId ?? '', columns: (f.columns ?? []).map(fieldDraft),
  };
}

function ruleDraft(r: RouteRule): RuleDraft {
  return {
    key: newKey(), action: r.action === 'add_participant' ? 'add_participant' : 'add_approver', step: text(r.step),
    users: r.users ?? [], fromField: r.fromField ?? '', whenField: r.when?.field ?? '',
    whenOperator: r.when?.operator ?? 'equals', whenValue: r.when?.value === null || r.when?.value === undefined ? '' : String(r.when.value),
  };
}

/** A saved template (any version) as an editable draft. */
export function draftFromTemplate(t: FormTemplate): TemplateDraft {
  const onReject = t.route.onReject;
  return {
    name: t.name,
    description: t.description ?? '',
    fields: t.fields.map(fieldDraft),
    steps: t.route.steps.map((s) => ({ key: newKey(), name: s.name ?? '', approvers: [...s.approvers], roles: [...(s.roles ?? [])] })),
    rules: (t.route.rules ?? []).map(ruleDraft),
    onReject: onReject === 'back_to_first_step' || onReject === 'close_rejected' ? onReject : 'back_to_previous_step',
  };
}

// Cyrillic labels are common (catalogs come from 1C): transliterate rather than lose them.
const cyrillic: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n',
  о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y',
  ь: '', э: 'e', ю: 'yu', я: 'ya', ß: 'ss',
};

/** A field code from its label: `Total amount` → `total_amount` (a-z, 0-9, _; unique among `taken`). */
export function suggestCode(label: string, taken: ReadonlySet<string>): string {
  let base = [...label.toLowerCase()].map((c) => cyrillic[c] ?? c).join('')
    .normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60);
  if (base === '') base = 'field';
  if (!/^[a-z]/.test(base)) base = `f_${base}`.slice(0, 60);
  let code = base;
  for (let n = 2; taken.has(code); n++) code = `${base}_${n}`;
  return code;
}

/** The label changed: a field whose code was not typed by hand follows it. */
export function withLabel(field: FieldDraft, label: string, siblings: readonly FieldDraft[]): FieldDraft {
  if (field.codeLocked) return { ...field, label };
  const taken = new Set(siblings.filter((s) => s.key !== field.key).map((s) => s.code));
  return { ...field, label, code: label.trim() ? suggestCode(label, taken) : '' };
}

/** The type changed: settings of the old type go, the new type gets its defaults. */
export function withType(field: FieldDraft, type: string): FieldDraft {
  const fresh = newField(type);
  return {
    ...field, type,
    min: '', max: '', decimals: '', currency: fresh.currency,
    options: isChoiceType(type) ? (field.options.length ? field.options : fresh.options) : [],
    catalogId: type === 'catalog' ? field.catalogId : '',
    columns: type === 'table' ? (field.columns.length ? field.columns : fresh.columns) : [],
    requiredFromStep: isLayoutType(type) ? '' : field.requiredFromStep,
    readOnlyFromStep: isLayoutType(type) ? '' : field.readOnlyFromStep,
  };
}

/** Moves the entry at `index` by `delta` places (no-op at the ends). */
export function move<T>(list: readonly T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const copy = [...list];
  const [item] = copy.splice(index, 1);
  copy.splice(to, 0, item as T);
  return copy;
}

export type PathErrors = Record<string, string[]>;

function integer(value: string, path: string, errors: PathErrors): number | undefined {
  const t = value.trim();
  if (t === '') return undefined;
  if (!/^\d+$/.test(t)) {
    (errors[path] ??= []).push('must be a whole number.');
    return undefined;
  }
  return Number(t);
}

function decimal(value: string, path: string, errors: PathErrors): number | undefined {
  const n = parseNumber(value);
  if (n === null) return undefined;
  if (Number.isNaN(n)) {
    (errors[path] ??= []).push('must be a number.');
    return undefined;
  }
  return n;
}

function fieldInput(f: FieldDraft, path: string, errors: PathErrors): FormFieldInput {
  const input: FormFieldInput = { code: f.code.trim(), type: f.type, label: f.label.trim() };
  if (!isLayoutType(f.type)) {
    const required = integer(f.requiredFromStep, `${path}.requiredFromStep`, errors);
    const readOnly = integer(f.readOnlyFromStep, `${path}.readOnlyFromStep`, errors);
    if (required !== undefined) input.requiredFromStep = required;
    if (readOnly !== undefined) input.readOnlyFromStep = readOnly;
  }
  if (f.type === 'number' || f.type === 'money') {
    const min = decimal(f.min, `${path}.min`, errors);
    const max = decimal(f.max, `${path}.max`, errors);
    if (min !== undefined) input.min = min;
    if (max !== undefined) input.max = max;
  }
  if (f.type === 'number') {
    const decimals = integer(f.decimals, `${path}.decimals`, errors);
    if (decimals !== undefined) input.decimals = decimals;
  }
  if (f.type === 'money') input.currency = f.currency.trim().toUpperCase();
  if (isChoiceType(f.type)) input.options = f.options.map((o) => (o.id ? { id: o.id, label: o.label.trim() } : { label: o.label.trim() }));
  if (f.type === 'catalog') {
    if (f.catalogId) input.catalogId = f.catalogId;
    else (errors[`${path}.catalogId`] ??= []).push('is required: pick the catalog this field picks from.');
  }
  if (f.type === 'table') input.columns = f.columns.map((c, i) => fieldInput(c, `${path}.columns[${i}]`, errors));
  return input;
}

/**
 * The definition to send, and what must be fixed first (only what the server could not even
 * receive: numbers typed as text, a catalog not chosen). Everything else is the server's to check.
 */
export function templateInput(draft: TemplateDraft): { input: FormTemplateInput; errors: PathErrors } {
  const errors: PathErrors = {};
  const fields = draft.fields.map((f, i) => fieldInput(f, `fields[${i}]`, errors));
  const rules = draft.rules.map((r, i): RouteRule => {
    const rule: RouteRule = { action: r.action, users: r.users };
    if (r.action === 'add_approver') {
      const step = integer(r.step, `route.rules[${i}].step`, errors);
      if (step !== undefined) rule.step = step;
    }
    if (r.fromField) rule.fromField = r.fromField;
    if (r.whenField) {
      rule.when = r.whenOperator === 'is_set'
        ? { field: r.whenField, operator: 'is_set' }
        : { field: r.whenField, operator: r.whenOperator, value: r.whenValue };
    }
    return rule;
  });
  return {
    input: {
      name: draft.name.trim(),
      description: draft.description.trim() || null,
      fields,
      route: {
        steps: draft.steps.map((s) => ({ name: s.name.trim() || null, approvers: s.approvers, roles: s.roles })),
        rules,
        onReject: draft.onReject,
      },
    },
    errors,
  };
}

/** A problem+json answer's field errors by path (`$.` prefixes of JSON binding errors removed). */
export function pathErrors(error: unknown): PathErrors {
  const result: PathErrors = {};
  if (!(error instanceof ApiError)) return result;
  for (const [key, value] of Object.entries(error.problem?.errors ?? {})) {
    const path = key.replace(/^\$\.?/, '');
    const messages = (Array.isArray(value) ? value : [value]).filter((m): m is string => typeof m === 'string');
    (result[path] ??= []).push(...messages);
  }
  return result;
}

/** `fields[2].options[0].label` → `Field 3 “Amount”, option 1, label`: for errors listed above the form. */
export function describePath(path: string, draft: TemplateDraft): string {
  const parts: string[] = [];
  let fields: readonly FieldDraft[] | null = draft.fields;
  let field: FieldDraft | undefined;
  for (const segment of path.split('.')) {
    const m = /^([A-Za-z]+)(?:\[(\d+)\])?$/.exec(segment);
    if (!m) {
      parts.push(segment);
      continue;
    }
    const [, name = '', index] = m;
    const n = index === undefined ? undefined : Number(index);
    if ((name === 'fields' || name === 'columns') && n !== undefined && fields) {
      field = fields[n];
      const what = name === 'fields' ? 'Field' : 'column';
      parts.push(`${what} ${n + 1}${field?.label ? ` “${field.label}”` : ''}`);
      fields = field?.columns ?? null;
    } else if (name === 'route') {
      continue;
    } else if (name === 'steps' && n !== undefined) {
      parts.push(`Step ${n + 1}`);
    } else if (name === 'rules' && n !== undefined) {
      parts.push(`Rule ${n + 1}`);
    } else if (name === 'options' && n !== undefined) {
      parts.push(`option ${n + 1}`);
    } else {
      parts.push(n === undefined ? labelOf(name) : `${labelOf(name)} ${n + 1}`);
    }
  }
  return parts.join(', ');
}

const labels: Record<string, string> = {
  code: 'code', label: 'label', type: 'type', requiredFromStep: 'required from step', readOnlyFromStep: 'read-only from step',
  min: 'minimum', max: 'maximum', decimals: 'decimals', currency: 'currency', catalogId: 'catalog', name: 'name',
  description: 'description', approvers: 'approvers', roles: 'roles', users: 'people', fromField: 'person field',
  when: 'condition', field: 'field', operator: 'operator', value: 'value', onReject: 'on rejection', step: 'step', action: 'action',
};
const labelOf = (name: string) => labels[name] ?? name;
