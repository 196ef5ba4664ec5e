import { describe, expect, it } from '@jest/globals';
import { formatError } from './graphql.module.js';

describe('formatError', () => {
  const misspelt = {
    message: 'Cannot query field "emial" on type "User". Did you mean "email"?',
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
  };

  it('keeps field suggestions out of production answers', () => {
    expect(formatError(misspelt, misspelt, true).message).toBe(
      'Cannot query field "emial" on type "User".',
    );
    expect(formatError(misspelt, misspelt, false).message).toContain('Did you mean "email"?');
  });

  it('hides the details of unexpected errors', () => {
    const answer = formatError({ message: 'relation "x" does not exist' }, new Error('boom'));
    expect(answer.message).toBe(
      'Something went wrong on our side; the error is logged. Try again.',
    );
    expect(answer.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  });
});
