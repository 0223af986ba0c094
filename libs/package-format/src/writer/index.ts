export * from './package-writer';
export * from './write-package';
export { encodeEntityFile } from './entity-file-encoder';
export { recordKeyOrder } from './record-key-order';
export {
  deflatePiece, piecedEntityData, piecedEntitySize, recordRuns, PIECE_TEXT_BYTES, type EntityPiece, type PiecedEntityOptions, type RecordRun,
} from './pieced-entity';
