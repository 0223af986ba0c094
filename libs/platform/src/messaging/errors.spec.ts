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
    ['a read error wrapping a 503', new Error('could not read s3://b/k', { cause: Object.assign(new Error('x'), { $metadata: { httpStatusCode: 503 } }) }), true],
    ['a read error wrapping a 412 (package replaced)', new Error('could not read', { cause: Object.assign(new Error('x'), { $metadata: { httpStatusCode: 412 } }) }), false],
    ['kafkajs: broker unreachable', Object.assign(new Error('connect ECONNREFUSED'), { name: 'KafkaJSConnectionError' }), true],
    ['a plain bug', new TypeError('undefined is not a function'), false],
    ['a thrown string', 'oops', false],
  ])('%s -> %s', (_name, error, expected) => {
    expect(isRetriable(error)).toBe(expected);
  });
});
