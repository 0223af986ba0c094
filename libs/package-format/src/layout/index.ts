export * from './package-layout';
export * from './entry-name';
