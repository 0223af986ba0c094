export { FZIP_RECORD_MIGRATIONS, fzipRecordMigration, type FzipRecordMigration } from './fzip-migration';
export { fzipSourceFormat, looksLikeFzipManifest, parseFzipManifest, type FzipManifest } from './fzip-manifest';
export { FzipPackageReader } from './fzip-reader';
export { gunzipEntry } from './gzip-entry';
