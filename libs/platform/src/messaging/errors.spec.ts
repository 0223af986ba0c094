import { isRetriable, PermanentError, TransientError } from './errors';

describe('isRetriable', () => {
  it.each([
    ['our TransientError', new TransientError('later'), true],
    ['our PermanentError', new PermanentError('BAD_INPUT', 'never'), false],
    ['AWS throttling', Object.assign(new Error('slow down'), { name: 'ProvisionedThroughputExceededException' }), true],
    ['an AWS 503', Object.assign(new Error('unavailable'), { $metadata: { httpStatusCode: 503 } }), true],
    ['an AWS 400', Object.assign(new Error('validation'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } }), false],
    ['a dropped connection', Object.assign(new Error('reset'), { code: 'ECONNRESET' }), true],
    ['a kafkajs retriable error', Object.assign(new Error('leader moved'), { retriable: true }), true],
    ['a plain bug', new TypeError('undefined is not a function'), false],
    ['a thrown string', 'oops', false],
  ])('%s -> %s', (_name, error, expected) => {
    expect(isRetriable(error)).toBe(expected);
  });
});
