export * from './open-package';
export * from './package-reader';
export * from './verify-package';
export * from './verification-report';
export type { FileEntry, PackageEntries } from './package-structure';
