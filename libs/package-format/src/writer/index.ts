export * from './package-writer';
export * from './write-package';
