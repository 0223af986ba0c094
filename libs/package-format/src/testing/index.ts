export * from './builders';
export * from './builders-1.2';
export * from './arbitraries';
export * from './dataset.arbitrary';
export * from './dataset.builder';
export * from './edge-cases';
export * from './package-json';
export * from './dataset-checks';
