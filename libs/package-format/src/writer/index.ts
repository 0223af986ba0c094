export * from './package-writer';
export * from './write-package';
export { encodeEntityFile, frameEntityFile } from './entity-file-encoder';
export type { EncodedRecords } from './entity-file-encoder';
export { recordKeyOrder } from './record-key-order';
