export * from './manifest.types';
export * from './checksum';
export * from './manifest-schema';
export * from './manifest-builder';
