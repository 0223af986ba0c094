export * from './error-codes';
export * from './package-error';
