export * from './value.arbitraries';
export * from './record.arbitraries';
