export * from './package-source';
export * from './file-source';
export * from './package-source-error';
