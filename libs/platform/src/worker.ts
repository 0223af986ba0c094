/**
 * The part of @housef3/platform a worker thread needs (the errors that classify failures), without
 * Nest, Kafka, AWS or metrics: a worker with a small capped heap loads only this.
 */
export * from './messaging/errors';
