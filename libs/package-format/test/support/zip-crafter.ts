export { craftZip, type CraftEntry, type CraftOptions } from '../../src/testing/zip-crafter';
