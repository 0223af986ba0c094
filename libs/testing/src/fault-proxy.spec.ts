import { describeRequest, dynamoThrottling, matches, s3SlowDown } from './fault-proxy';

describe('fault proxy request matching', () => {
  const dynamo = (op: string) => describeRequest({ method: 'POST', url: '/', headers: { 'x-amz-target': `DynamoDB_20120810.${op}` } });
  const s3 = (method: string, url: string) => describeRequest({ method, url, headers: {} });

  it('reads the DynamoDB operation from X-Amz-Target and the S3 bucket and key from a path-style URL', () => {
    expect(dynamo('TransactWriteItems')).toEqual({ method: 'POST', operation: 'TransactWriteItems' });
    expect(s3('PUT', '/files/user%201/f%C3%A9.csv?x-id=PutObject')).toEqual({ method: 'PUT', operation: undefined, bucket: 'files', key: 'user 1/fé.csv' });
    expect(s3('GET', '/files?list-type=2')).toEqual({ method: 'GET', operation: undefined, bucket: 'files' });
  });

  it('applies a fault only where every given field holds', () => {
    expect(matches(undefined, dynamo('GetItem'))).toBe(true);
    expect(matches({ operation: ['PutItem', 'BatchWriteItem'] }, dynamo('BatchWriteItem'))).toBe(true);
    expect(matches({ operation: 'PutItem' }, dynamo('GetItem'))).toBe(false);
    expect(matches({ operation: 'PutItem' }, s3('PUT', '/b/k'))).toBe(false);
    expect(matches({ method: 'put', keyPrefix: 'users/u1/' }, s3('PUT', '/b/users/u1/a.csv'))).toBe(true);
    expect(matches({ method: ['GET', 'HEAD'] }, s3('PUT', '/b/users/u1/a.csv'))).toBe(false);
    expect(matches({ keyPrefix: 'users/u1/' }, s3('PUT', '/b/users/u2/a.csv'))).toBe(false);
    expect(matches({ bucket: 'b' }, s3('GET', '/other/k'))).toBe(false);
  });

  it('answers as DynamoDB and S3 do when they throttle', () => {
    const throttled = dynamoThrottling();
    expect(throttled.status).toBe(400);
    expect(JSON.parse(throttled.body).__type).toMatch(/#ProvisionedThroughputExceededException$/);
    const slow = s3SlowDown();
    expect(slow.status).toBe(503);
    expect(slow.body).toContain('<Code>SlowDown</Code>');
  });
});
