// Pure generation of a seeded HouseF3 user: deterministic records and file bytes, no AWS.
export * from './seed-options';
export * from './seed-model';
export { planSeed, AWKWARD_FILE_STEMS, EMPTY_FILE_NAME, LARGE_FILE_NAME } from './seed-plan';
export { statementRows, SPECIAL_LINES, descriptionHashingAbove2p63 } from './statement-rows';
export { statementChunks, CONTENT_TYPES, CSV_COLUMNS, csvField } from './statements';
export { fileTransactions, transactionOf, transactionIdOf } from './transactions';
export { accountRecords, fileMapRecords, transactionFileRecord, s3KeyOf } from './records';
export { analyticsRecords } from './analytics';
export { formatMinor, negateDecimal, parseMinor } from './money';
export { userStateRecords } from './user-state';
