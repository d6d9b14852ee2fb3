import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/problem';
import type { FormTemplate } from '../api/types';
import {
  describePath, draftFromTemplate, emptyTemplate, move, newField, pathErrors, suggestCode, templateInput, withLabel, withType,
} from './templateDraft';

const saved: FormTemplate = {
  id: 't1', version: 3, latestVersion: 3, name: 'Purchase', description: null,
  fields: [
    { code: 'amount', type: 'money', label: 'Amount', currency: 'EUR', decimals: 2, min: 0, requiredFromStep: 1 },
    { code: 'kind', type: 'single_choice', label: 'Kind', options: [{ id: 'o1', label: 'Goods' }, { id: 'o2', label: 'Services' }] },
    { code: 'items', type: 'table', label: 'Items', columns: [{ code: 'qty', type: 'number', label: 'Qty', decimals: 0 }] },
    { code: 'city', type: 'catalog', label: 'City', catalogId: 'c1' },
    { code: 'head', type: 'section', label: 'More' },
  ],
  route: {
    steps: [{ number: 1, name: 'Manager', approvers: ['u1'], roles: ['r1'] }],
    rules: [{ action: 'add_approver', step: 1, users: ['u2'], fromField: null, when: { field: 'amount', operator: 'greater', value: '1000' } }],
    onReject: 'close_rejected',
  },
};

describe('draft ↔ definition', () => {
  it('round-trips a saved template', () => {
    const { input, errors } = templateInput(draftFromTemplate(saved));
    expect(errors).toEqual({});
    expect(input).toEqual({
      name: 'Purchase', description: null,
      fields: [
        { code: 'amount', type: 'money', label: 'Amount', currency: 'EUR', min: 0, requiredFromStep: 1 },
        { code: 'kind', type: 'single_choice', label: 'Kind', options: [{ id: 'o1', label: 'Goods' }, { id: 'o2', label: 'Services' }] },
        { code: 'items', type: 'table', label: 'Items', columns: [{ code: 'qty', type: 'number', label: 'Qty', decimals: 0 }] },
        { code: 'city', type: 'catalog', label: 'City', catalogId: 'c1' },
        { code: 'head', type: 'section', label: 'More' },
      ],
      route: {
        steps: [{ name: 'Manager', approvers: ['u1'], roles: ['r1'] }],
        rules: [{ action: 'add_approver', step: 1, users: ['u2'], when: { field: 'amount', operator: 'greater', value: '1000' } }],
        onReject: 'close_rejected',
      },
    });
  });

  it('flags numbers typed as text and a catalog not chosen, with API paths', () => {
    const draft = emptyTemplate();
    draft.fields = [{ ...newField('number'), code: 'n', label: 'N', min: 'lots', requiredFromStep: '1.5' },
      { ...newField('table'), code: 't', label: 'T', columns: [{ ...newField('catalog'), code: 'c', label: 'C' }] }];
    expect(templateInput(draft).errors).toEqual({
      'fields[0].requiredFromStep': ['must be a whole number.'],
      'fields[0].min': ['must be a number.'],
      'fields[1].columns[0].catalogId': ['is required: pick the catalog this field picks from.'],
    });
  });

  it('sends new options without ids and is_set conditions without a value', () => {
    const draft = emptyTemplate();
    draft.fields = [{ ...newField('multiple_choice'), code: 'c', label: 'C', options: [{ key: 'a', label: ' Red ' }] }];
    draft.rules = [{ key: 'r', action: 'add_participant', step: '1', users: ['u'], fromField: '', whenField: 'c', whenOperator: 'is_set', whenValue: 'x' }];
    const { input } = templateInput(draft);
    expect(input.fields[0]?.options).toEqual([{ label: 'Red' }]);
    expect(input.route.rules).toEqual([{ action: 'add_participant', users: ['u'], when: { field: 'c', operator: 'is_set' } }]);
  });
});

describe('editing helpers', () => {
  it('derives codes from labels until the code is typed by hand', () => {
    const other = { ...newField(), code: 'total' };
    const field = newField();
    expect(withLabel(field, 'Total', [other, field]).code).toBe('total_2');
    expect(withLabel(field, 'Größe & Gewicht', [field]).code).toBe('grosse_gewicht');
    expect(withLabel({ ...field, code: 'mine', codeLocked: true }, 'Total', [field]).code).toBe('mine');
    expect(suggestCode('42 things', new Set())).toBe('f_42_things');
    expect(suggestCode('???', new Set())).toBe('field');
    expect(suggestCode('Сумма заказа', new Set())).toBe('summa_zakaza');
  });

  it('resets type settings when the type changes', () => {
    const money = { ...newField('money'), min: '1', requiredFromStep: '1' };
    const choice = withType(money, 'single_choice');
    expect(choice.currency).toBe('');
    expect(choice.min).toBe('');
    expect(choice.options).toHaveLength(1);
    expect(choice.requiredFromStep).toBe('1');
    expect(withType(money, 'section').requiredFromStep).toBe('');
    expect(withType(money, 'table').columns).toHaveLength(1);
  });

  it('moves entries within bounds', () => {
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
    expect(move(['a', 'b', 'c'], 2, -2)).toEqual(['c', 'a', 'b']);
  });
});

describe('errors', () => {
  it('keys server errors by path and describes them for people', () => {
    const error = new ApiError(400, { errors: { 'fields[1].options[0].label': ['is required.'], '$.name': 'is required.' } });
    expect(pathErrors(error)).toEqual({ 'fields[1].options[0].label': ['is required.'], name: ['is required.'] });
    const draft = draftFromTemplate(saved);
    expect(describePath('fields[1].options[0].label', draft)).toBe('Field 2 “Kind”, option 1, label');
    expect(describePath('fields[2].columns[0].decimals', draft)).toBe('Field 3 “Items”, column 1 “Qty”, decimals');
    expect(describePath('route.steps[0].approvers', draft)).toBe('Step 1, approvers');
    expect(describePath('route.onReject', draft)).toBe('on rejection');
  });
});
