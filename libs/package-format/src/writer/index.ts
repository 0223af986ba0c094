export * from './package-writer';
export * from './write-package';
export { encodeEntityFile } from './entity-file-encoder';
export { recordKeyOrder } from './record-key-order';
