import { INTERNAL_ERROR, publicJobError } from './public-error';

describe('publicJobError: nothing internal reaches a user', () => {
  const hidden = ['housef3-dev', 'housef3-dev-packages', 'housef3-dev-accounts'];

  it('keeps our own codes and plain messages', () => {
    expect(publicJobError('FILES_UNREADABLE', '2 original file(s) cannot be read', hidden)).toEqual({ code: 'FILES_UNREADABLE', message: '2 original file(s) cannot be read' });
    expect(publicJobError(undefined, undefined, hidden)).toBeUndefined();
  });

  it('turns SDK and system error names into INTERNAL_ERROR', () => {
    for (const code of ['NoSuchKey', 'AccessDenied', 'ResourceNotFoundException', 'ECONNREFUSED', 'ETIMEDOUT', '', undefined]) {
      expect(publicJobError(code, 'The specified key does not exist.', hidden)).toEqual(INTERNAL_ERROR);
    }
  });

  it('hides messages naming buckets, tables, endpoints or SDK internals behind a generic text with the code', () => {
    const leaks = [
      'Requested resource not found: Table: housef3-dev-accounts not found',
      'The specified bucket does not exist: housef3-dev-packages',
      'connect ECONNREFUSED 127.0.0.1:4566',
      'ValidationException: One or more parameter values were invalid',
      'Access Denied (Service: Amazon S3; arn:aws:s3:::prod-packages)',
      'socket hang up at https://s3.eu-west-1.amazonaws.com',
      'something mentioning housef3-dev only',
      "Cannot read properties of undefined (reading 'userId')",
    ];
    for (const message of leaks) {
      const shown = publicJobError('ASSEMBLY_FAILED', message, hidden)!;
      expect(shown.code).toBe('ASSEMBLY_FAILED');
      for (const word of ['housef3-dev', 'ECONNREFUSED', 'ValidationException', 'arn:aws', 'amazonaws', 'undefined', 'Table']) expect(shown.message).not.toContain(word);
    }
  });

  it('replaces object keys of ours by what they are', () => {
    expect(publicJobError('PACKAGE_TOO_LARGE', 'imports/alice/i-1/package.zip is 3 GiB, more than 2 GiB', hidden)!.message).toBe('the uploaded package is 3 GiB, more than 2 GiB');
  });
});
