import { describe, expect, it } from 'vitest';
import { ApiError, asProblem, problemMessages } from './problem';

describe('asProblem', () => {
  it('keeps known problem fields only', () => {
    expect(asProblem({ title: 'Bad', status: 400, detail: 'x', errors: { a: ['b'] }, extra: 1 }))
      .toEqual({ title: 'Bad', status: 400, detail: 'x', errors: { a: ['b'] } });
  });

  it('rejects non-objects', () => {
    expect(asProblem(undefined)).toBeNull();
    expect(asProblem('oops')).toBeNull();
    expect(asProblem([1])).toBeNull();
  });
});

describe('problemMessages', () => {
  it('prefers detail', () => {
    const error = new ApiError(401, { title: 'Unauthorized', detail: 'Account locked for 5 minutes.' });
    expect(problemMessages(error)).toEqual(['Account locked for 5 minutes.']);
  });

  it('lists validation errors per field after the detail', () => {
    const error = new ApiError(400, {
      title: 'One or more validation errors occurred.',
      detail: 'Please check the form.',
      errors: { title: ['Title is required.'], email: ['must be an e-mail address', 'is taken'] },
    });
    expect(problemMessages(error)).toEqual([
      'Please check the form.',
      'Title is required.',
      'Email: must be an e-mail address',
      'Email: is taken',
    ]);
  });

  it('accepts a single string per field and strips JSON-path prefixes', () => {
    const error = new ApiError(400, { errors: { '$.password': 'too short' } });
    expect(problemMessages(error)).toEqual(['Password: too short']);
  });

  it('falls back to title, then to the fallback text', () => {
    expect(problemMessages(new ApiError(409, { title: 'Already set up' }))).toEqual(['Already set up']);
    expect(problemMessages(new ApiError(500, null), 'Failed.')).toEqual(['Failed.']);
  });

  it('explains network failures', () => {
    expect(problemMessages(new ApiError(0, null))[0]).toMatch(/reach the server/);
  });

  it('uses the message of other errors', () => {
    expect(problemMessages(new Error('Wrong e-mail or password.'))).toEqual(['Wrong e-mail or password.']);
    expect(problemMessages(42, 'Nope')).toEqual(['Nope']);
  });
});
