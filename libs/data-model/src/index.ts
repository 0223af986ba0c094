export * from './table-catalog';
