import { buildAccount, buildDataset, buildRule, buildTransaction, buildTransactionFile } from '@housef3/package-format/testing';
import type { EntityDataset } from '@housef3/package-format';
import { craftedPackage, writtenPackage } from './testing/test-packages';
import { IDS, smallDataset } from './testing/small-dataset';
import { issuesOf, validate } from './testing/validate';

const MISSING = 'dddddddd-0000-4000-8000-000000000404';
const ID_FIELDS = { transactions: 'transactionId', categories: 'categoryId', accounts: 'accountId', file_maps: 'fileMapId', transaction_files: 'fileId', analytics: 'key' } as const;

describe('validateImport: a sound package', () => {
  it('passes the coverage dataset with no issue and counts every record and file', async () => {
    const dataset = buildDataset();
    const report = await validate(await writtenPackage(dataset));
    expect(report.issues).toEqual([]);
    expect(report).toMatchObject({ ok: true, errorCount: 0, warningCount: 0, formatVersion: '1.2', files: dataset.transaction_files.length });
    for (const entity of ['categories', 'file_maps', 'accounts', 'transaction_files', 'transactions', 'analytics'] as const) {
      const count = dataset[entity].length;
      expect(report.summary[entity]).toEqual({ valid: count, warnings: 0, errors: 0, total: count, existingOwn: 0, existingOther: 0 });
    }
  });
});

describe('validateImport: records', () => {
  it('reports an unknown field as an error of its record, without calling references to it dangling', async () => {
    const dataset = smallDataset();
    const account = { ...dataset.accounts[0], nickname: 'Main' };
    const report = await validate(await craftedPackage({ records: { ...dataset, accounts: [account], analytics: undefined } }));
    expect(report.ok).toBe(false);
    expect(issuesOf(report, 'RECORD_UNKNOWN_FIELD')).toEqual([
      expect.objectContaining({ entity: 'accounts', id: IDS.account, index: 0, field: 'nickname', severity: 'error', message: expect.stringMatching(/^accounts\[0\]\.nickname \(accountId acc00000-0000-4000-8000-000000000001\): is not a field of Account/) }),
    ]);
    expect(issuesOf(report, 'DANGLING_REFERENCE')).toEqual([]);
    expect(report.summary.accounts).toMatchObject({ valid: 0, errors: 1, total: 1 });
    expect(report.errorCount).toBe(1);
  });

  it('passes a transactionHash mismatch on as a warning: the record is valid', async () => {
    const dataset = smallDataset();
    dataset.transactions[1] = { ...dataset.transactions[1], transactionHash: 12_345n };
    const report = await validate(await writtenPackage(dataset));
    expect(report.ok).toBe(true);
    expect(issuesOf(report, 'RECORD_HASH_MISMATCH')).toEqual([expect.objectContaining({ entity: 'transactions', id: IDS.transaction2, field: 'transactionHash', severity: 'warning' })]);
    expect(report.summary.transactions).toMatchObject({ valid: 2, warnings: 1, errors: 0 });
  });

  it('refuses a second record with an ID already used in the same entity file', async () => {
    const dataset = smallDataset();
    dataset.transactions.push({ ...dataset.transactions[0], description: 'COPY' });
    const report = await validate(await writtenPackage(dataset));
    expect(issuesOf(report, 'DUPLICATE_ID')).toEqual([
      {
        entity: 'transactions', id: IDS.transaction1, index: 2, field: 'transactionId', severity: 'error', code: 'DUPLICATE_ID',
        message: `transactions[2] (transactionId ${IDS.transaction1}): an earlier record of data/transactions.json has the same transactionId; every transaction must have its own`,
      },
    ]);
    expect(report.summary.transactions).toMatchObject({ valid: 2, errors: 1, total: 3 });
  });
});

describe('validateImport: DynamoDB item size', () => {
  it('refuses a record that would be larger than DynamoDB\'s 400 KB item, before any write', async () => {
    const dataset = smallDataset();
    // every field within its own bounds (rule values up to 32,768 characters), the item as a whole too big
    const rules = [...dataset.categories[1].rules, ...Array.from({ length: 14 }, (_, i) => buildRule({ ruleId: `rule_b16${i.toString(16).padStart(5, "0")}`, value: 'x'.repeat(30_000) }))];
    dataset.categories[1] = { ...dataset.categories[1], rules };
    const report = await validate(await writtenPackage(dataset));
    expect(report.ok).toBe(false);
    expect(issuesOf(report, 'ITEM_TOO_LARGE')).toEqual([
      expect.objectContaining({ entity: 'categories', id: IDS.child, severity: 'error', message: expect.stringMatching(/would be \d+ bytes; DynamoDB stores at most 409600 bytes/) }),
    ]);
    expect(report.summary.categories).toMatchObject({ errors: 1 });
  });
});

describe('validateImport: references resolve inside the package', () => {
  type Case = [string, (d: EntityDataset) => void, 'transactions' | 'categories' | 'accounts' | 'file_maps' | 'transaction_files' | 'analytics', string, string, string];
  const cases: Case[] = [
    ['transaction.accountId', (d) => (d.transactions[0].accountId = MISSING), 'transactions', IDS.transaction1, 'accountId', 'account'],
    ['transaction.fileId', (d) => (d.transactions[0].fileId = MISSING), 'transactions', IDS.transaction1, 'fileId', 'transaction file'],
    ['transaction.primaryCategoryId', (d) => (d.transactions[0].primaryCategoryId = MISSING), 'transactions', IDS.transaction1, 'primaryCategoryId', 'category'],
    ['transaction.categories[].categoryId', (d) => (d.transactions[0].categories[0].categoryId = MISSING), 'transactions', IDS.transaction1, 'categories[0].categoryId', 'category'],
    ['category.parentCategoryId', (d) => (d.categories[1].parentCategoryId = MISSING), 'categories', IDS.child, 'parentCategoryId', 'category'],
    ['account.defaultFileMapId', (d) => (d.accounts[0].defaultFileMapId = MISSING), 'accounts', IDS.account, 'defaultFileMapId', 'file map'],
    ['file map.accountId', (d) => (d.file_maps[0].accountId = MISSING), 'file_maps', IDS.fileMap, 'accountId', 'account'],
    ['transaction file.accountId', (d) => (d.transaction_files[0].accountId = MISSING), 'transaction_files', IDS.file, 'accountId', 'account'],
    ['transaction file.fileMapId', (d) => (d.transaction_files[0].fileMapId = MISSING), 'transaction_files', IDS.file, 'fileMapId', 'file map'],
    ['analytics.accountId', (d) => (d.analytics[0].accountId = MISSING), 'analytics', `cash_flow#overall#${MISSING}`, 'accountId', 'account'],
  ];

  it.each(cases)('%s must name a record of the package', async (_name, change, entity, id, field, target) => {
    const dataset = smallDataset();
    change(dataset);
    const report = await validate(await writtenPackage(dataset));
    const index = dataset[entity].findIndex((record) => JSON.stringify(record, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)).includes(MISSING));
    expect(issuesOf(report, 'DANGLING_REFERENCE')).toEqual([
      {
        entity, id, index, field, severity: 'error', code: 'DANGLING_REFERENCE',
        message: `${entity}[${index}].${field} (${ID_FIELDS[entity]} ${id}): names ${target} ${MISSING}, which is not in the package; every reference must resolve inside the package, because a backup is restored on its own`,
      },
    ]);
    expect(report.ok).toBe(false);
    expect(report.summary[entity].errors).toBe(1);
  });

  it('refuses a cycle in the category tree, on every category of the cycle', async () => {
    const dataset = smallDataset();
    dataset.categories[0].parentCategoryId = IDS.child;
    const report = await validate(await writtenPackage(dataset));
    expect(issuesOf(report, 'CATEGORY_CYCLE')).toEqual([
      {
        entity: 'categories', id: IDS.parent, index: 0, field: 'parentCategoryId', severity: 'error', code: 'CATEGORY_CYCLE',
        message: `categories[0].parentCategoryId (categoryId ${IDS.parent}): the category is its own ancestor (${IDS.parent} -> ${IDS.child} -> ${IDS.parent}); a category tree cannot have cycles`,
      },
      expect.objectContaining({ id: IDS.child, index: 1, message: expect.stringContaining(`(${IDS.child} -> ${IDS.parent} -> ${IDS.child})`) }),
    ]);
    expect(report.summary.categories).toMatchObject({ valid: 0, errors: 2 });
  });

  it('warns when an assignment names a rule its category does not have', async () => {
    const dataset = smallDataset();
    dataset.transactions[0].categories[0].ruleId = 'rule_deadbeef';
    const report = await validate(await writtenPackage(dataset));
    expect(report.ok).toBe(true);
    expect(issuesOf(report, 'UNKNOWN_RULE')).toEqual([
      {
        entity: 'transactions', id: IDS.transaction1, index: 0, field: 'categories[0].ruleId', severity: 'warning', code: 'UNKNOWN_RULE',
        message: `transactions[0].categories[0].ruleId (transactionId ${IDS.transaction1}): rule rule_deadbeef is not a rule of category ${IDS.child} in the package; the assignment is restored as it is`,
      },
    ]);
  });
});

describe('validateImport: original files', () => {
  it('refuses a transaction file whose original file is neither in the package nor declared missing', async () => {
    const dataset = smallDataset();
    const report = await validate(await craftedPackage({ records: { ...dataset, analytics: undefined }, files: [] }));
    expect(issuesOf(report, 'FILE_MISSING')).toEqual([
      {
        entity: 'transaction_files', id: IDS.file, index: 0, field: 'fileId', severity: 'error', code: 'FILE_MISSING',
        message: `transaction_files[0] (fileId ${IDS.file}): the package has no original file for it (files/${IDS.file}/…) and its manifest does not declare it missing; the package is incomplete`,
      },
    ]);
    expect(report.ok).toBe(false);
  });

  it('warns about an original file the export declared missing', async () => {
    const dataset = smallDataset();
    const report = await validate(await writtenPackage(dataset, { missing: [IDS.file] }));
    expect(report.ok).toBe(true);
    expect(report.files).toBe(0);
    expect(issuesOf(report, 'FILE_MISSING_DECLARED')).toEqual([
      expect.objectContaining({
        entity: 'transaction_files', id: IDS.file, severity: 'warning',
        message: `transaction_files[0] (fileId ${IDS.file}): the original file "statement.csv" is not in the package (the export declared it missing: archived to S3 GLACIER (InvalidObjectState)); the record can be restored, its bytes cannot`,
      }),
    ]);
  });

  it('refuses an original file that belongs to no transaction file record', async () => {
    const dataset = smallDataset();
    const orphan = 'eeeeeeee-0000-4000-8000-00000000000e';
    const files = [{ fileId: IDS.file, name: 'statement.csv' }, { fileId: orphan, name: 'stray.csv' }];
    const report = await validate(await craftedPackage({ records: { ...dataset, analytics: undefined }, files }));
    expect(issuesOf(report, 'FILE_ORPHAN')).toEqual([
      {
        entity: 'package', id: orphan, field: `files/${orphan}/stray.csv`, severity: 'error', code: 'FILE_ORPHAN',
        message: `files/${orphan}/stray.csv: no transaction file record has fileId ${orphan}; every original file must belong to a record (the package was altered)`,
      },
    ]);
  });

  it('refuses a file whose restored S3 key would exceed 1024 bytes', async () => {
    const dataset = smallDataset();
    const fileName = '😀'.repeat(255);
    dataset.transaction_files[0] = buildTransactionFile({ ...dataset.transaction_files[0], fileName, s3Key: 'short-key' });
    const report = await validate(await writtenPackage(dataset));
    expect(issuesOf(report, 'S3_KEY_TOO_LONG')).toEqual([
      expect.objectContaining({
        entity: 'transaction_files', id: IDS.file, field: 'fileName', severity: 'error',
        message: `transaction_files[0] (fileId ${IDS.file}): the restored file's S3 key ({userId}/{fileId}/{fileName}) would be 1071 bytes; S3 allows 1024. Shorten the file name`,
      }),
    ]);
  });
});

describe('validateImport: package errors met while reading', () => {
  it('reports a checksum failure as a package issue and still validates every entity', async () => {
    const dataset = smallDataset();
    const report = await validate(await craftedPackage({ records: { ...dataset, analytics: undefined }, badChecksums: ['data/accounts.json'] }));
    expect(issuesOf(report, 'CHECKSUM_MISMATCH')).toEqual([
      expect.objectContaining({ entity: 'package', field: 'data/accounts.json', severity: 'error', message: expect.stringContaining('data/accounts.json') }),
    ]);
    expect(issuesOf(report, 'DANGLING_REFERENCE')).toEqual([]);
    expect(report.summary.transactions).toMatchObject({ total: 2, valid: 2 });
    expect(report.ok).toBe(false);
  });

  it('does not judge references into an entity file whose reading stopped early', async () => {
    const dataset = smallDataset();
    const second = buildAccount();
    dataset.accounts.push(second);
    dataset.transactions[1] = buildTransaction({ ...dataset.transactions[1], accountId: second.accountId, transactionHash: undefined });
    const report = await validate(await craftedPackage({ records: { ...dataset, analytics: undefined }, declaredCounts: { accounts: 1 } }));
    expect(report.issues).toEqual([
      {
        entity: 'package', field: 'data/accounts.json', severity: 'error', code: 'RECORD_COUNT_MISMATCH',
        message: 'data/accounts.json holds more records than the 1 manifest.json declares; the package was altered or damaged',
      },
    ]);
    expect(report.summary.accounts).toMatchObject({ total: 1, valid: 1 });
    expect(report.summary.transactions).toMatchObject({ total: 2, valid: 2 });
  });
});

describe('validateImport: the report', () => {
  it('lists at most maxReportedIssues, errors first, and counts all of them', async () => {
    const dataset = smallDataset();
    const account = buildAccount({ accountId: IDS.account });
    dataset.accounts.push(account, account);
    for (let i = 0; i < 3; i += 1) dataset.transactions.push(buildTransaction({ accountId: IDS.account, fileId: IDS.file, transactionHash: BigInt(i) }));
    const report = await validate(await writtenPackage(dataset), undefined, { maxReportedIssues: 2 });
    expect(report.issues.map((issue) => issue.code)).toEqual(['DUPLICATE_ID', 'DUPLICATE_ID']);
    expect(report).toMatchObject({ errorCount: 2, warningCount: 3, issueCounts: { DUPLICATE_ID: 2, RECORD_HASH_MISMATCH: 3 } });
  });
});
