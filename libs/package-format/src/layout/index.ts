export * from './package-layout';
