/**
 * The part of @housef3/platform a worker thread needs (errors, AWS clients, package sources, batch
 * reads), without Nest, Kafka or metrics: a worker with a small capped heap loads only this.
 */
export * from './messaging/errors';
export * from './aws/aws-clients';
export * from './aws/s3-package-source';
export * from './aws/dynamo-batch';
