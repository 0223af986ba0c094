export * from './table-catalog';
export * from './codec';
