/**
 * The part of @housef3/platform a worker thread needs (the errors that classify failures) and the
 * starting of one (startWorker), without Nest, Kafka, AWS or metrics: a worker with a small capped
 * heap loads only this.
 */
export * from './messaging/errors';
export * from './threads/start-worker';
