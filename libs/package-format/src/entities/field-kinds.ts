// The kinds of field values a record spec is made of, by family.
export * from './kind';
export * from './text-kinds';
export * from './number-kinds';
export * from './date-kinds';
export { codePointLength, hasUnpairedSurrogate } from './unicode';
