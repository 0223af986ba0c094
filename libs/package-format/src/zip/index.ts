export * from './zip-writer';
export * from './central-directory';
export * from './entry-checks';
export * from './entry-data';
export * from './entry-name';
export * from './deflated-entry';
export * from './expansion-budget';
