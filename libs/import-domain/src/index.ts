/**
 * The import's pure domain: validation before any write, and ID remapping. No Nest, AWS or Kafka.
 * See docs/import-validation.md.
 */
export * from './ownership';
export * from './import-issue';
export * from './import-options';
export * from './validate-import';
export * from './remap';
export { sweepOrphanSpillAreas } from './spill-area';
