/**
 * @housef3/package-format: the HouseF3 backup package (ZIP), written and read as streams,
 * checksummed, versioned and safe against hostile input. Pure: no Nest, AWS or Kafka.
 * See docs/package-format.md.
 */

// Entity records, validation, transactionHash and decimals (entities/, hash/, decimal/).
export * from './entities';
export * from './hash';
export * from './decimal';

// JSON: exact numbers and deterministic text.
export * from './json/json-number';
export type { JsonValue, JsonObject } from './json/json-value';
export { canonicalJson, type KeyOrder } from './json/canonical-json';
export { readEntityRecords } from './json/entity-records';

// The container.
export * from './errors';
export * from './limits';
export * from './layout';
export * from './manifest/manifest.types';
export { formatChecksum, parseChecksum, checksumKeyPath } from './manifest/checksum';
export { parseManifest, type ParsedManifest, type DeclaredManifest } from './manifest/manifest-schema';
export * from './versions';
export * from './source';
export * from './writer';
export * from './reader';
// HouseF3's own backups (.fzip), read behind the same reader.
export * from './legacy';
export { ZipStreamWriter, type WrittenZipEntry } from './zip/zip-writer';
export { deflateEntry, type DeflatedEntrySummary, type DeflatingEntry } from './zip/deflated-entry';
