import { Account, FieldMapping, FileMap, TransactionFile, canonicalRecord } from '@housef3/package-format';
import { formatMinor } from './money';
import { seedUuid } from './seed-ids';
import { AccountPlan, DAY_MS, FilePlan, SEED_EPOCH_MS, SeedPlan } from './seed-model';
import { CSV_COLUMNS } from './statements';

/** Minor-unit scale of a currency (yen have none). */
const scaleOf = (currency: string | undefined) => (currency === 'JPY' ? 0 : 2);

/** The accounts, balances and transaction dates as their statements leave them. */
export function accountRecords(plan: SeedPlan): Account[] {
  return plan.accounts.map((account) => {
    const { template } = account;
    const files = plan.files.filter((file) => file.account === account && file.kind === 'statement');
    const last = files.at(-1);
    const closing = last ? last.stats.closingMinor : template.openingMinor;
    const dated = files.filter((file) => file.stats.firstDate !== undefined);
    const createdAt = SEED_EPOCH_MS - 90 * DAY_MS + plan.accounts.indexOf(account) * 3_600_000;
    return canonicalRecord('accounts', {
      accountId: account.accountId,
      accountName: template.accountName,
      accountType: template.accountType,
      institution: template.institution,
      balance: closing === undefined || template.currency === undefined ? undefined : formatMinor(closing, scaleOf(template.currency)),
      currency: template.currency,
      notes: template.notes,
      isActive: template.isActive,
      defaultFileMapId: account.fileMapId,
      firstTransactionDate: dated[0]?.stats.firstDate,
      lastTransactionDate: dated.at(-1)?.stats.lastDate,
      importsStartDate: files[0]?.firstDay,
      importsEndDate: last ? last.firstDay + (last.days - 1) * DAY_MS : undefined,
      createdAt,
      updatedAt: last?.processedDate ?? createdAt,
    });
  });
}

const CSV_TARGETS: Record<(typeof CSV_COLUMNS)[number], string> = {
  Date: 'date', Description: 'description', Amount: 'amount', Balance: 'balance', Type: 'transactionType', Memo: 'memo', 'Check Number': 'checkNumber',
};

/** A CSV file map per account with CSV statements (its default), plus one generic map without an account. */
export function fileMapRecords(plan: SeedPlan): FileMap[] {
  const createdAt = SEED_EPOCH_MS - 80 * DAY_MS;
  const maps = plan.accounts
    .filter((account): account is AccountPlan & { fileMapId: string } => account.fileMapId !== undefined)
    .map((account) =>
      canonicalRecord('file_maps', {
        fileMapId: account.fileMapId,
        name: `${account.template.accountName} CSV`,
        mappings: CSV_COLUMNS.map((column): FieldMapping => ({ sourceField: column, targetField: CSV_TARGETS[column], ...(column === 'Date' && { transformation: 'YYYY-MM-DD' }) })),
        accountId: account.accountId,
        description: `Columns of the CSV export of ${account.template.institution ?? 'the bank'}`,
        reverseAmounts: account.template.reverseAmounts ?? false,
        createdAt,
        updatedAt: createdAt,
      }),
    );
  maps.push(
    canonicalRecord('file_maps', {
      fileMapId: seedUuid(plan.keys.ids, 'file-map', 'generic'),
      name: 'Generic CSV (Datum;Empfänger;Betrag)',
      mappings: [
        { sourceField: 'Datum', targetField: 'date', transformation: 'DD.MM.YYYY' },
        { sourceField: 'Empfänger', targetField: 'description' },
        { sourceField: 'Betrag', targetField: 'amount', transformation: 'comma-decimal' },
      ],
      reverseAmounts: false,
      createdAt,
      updatedAt: createdAt + DAY_MS,
    }),
  );
  return maps;
}

/** HouseF3's object key of an uploaded file. */
export function s3KeyOf(userId: string, file: Pick<FilePlan, 'fileId' | 'fileName'>): string {
  return `${userId}/${file.fileId}/${file.fileName}`;
}

/** The transaction-files record of a file, with the size, counts, dates and balances of its very bytes. */
export function transactionFileRecord(plan: SeedPlan, file: FilePlan): TransactionFile {
  const { stats } = file;
  const common = {
    fileId: file.fileId,
    fileName: file.fileName,
    uploadDate: file.uploadDate,
    fileSize: stats.bytes,
    s3Key: s3KeyOf(plan.options.userId, file),
    processedDate: file.processedDate,
    fileFormat: file.format,
    accountId: file.account.accountId,
    currency: file.currency,
    createdAt: file.uploadDate,
    updatedAt: file.processedDate,
  };
  if (file.kind === 'empty') {
    return canonicalRecord('transaction_files', {
      ...common, processingStatus: 'error', fileMapId: file.account.fileMapId, errorMessage: 'The file is empty (0 bytes)',
      recordCount: 0, transactionCount: 0, duplicateCount: 0,
    });
  }
  if (file.kind === 'large') {
    return canonicalRecord('transaction_files', { ...common, processingStatus: 'error', errorMessage: 'PDF statements cannot be parsed; upload CSV or OFX' });
  }
  return canonicalRecord('transaction_files', {
    ...common,
    processingStatus: 'processed',
    fileMapId: file.format === 'csv' ? file.account.fileMapId : undefined,
    recordCount: stats.rows,
    dateRange: stats.firstDate === undefined || stats.lastDate === undefined ? undefined : { startDate: stats.firstDate, endDate: stats.lastDate },
    openingBalance: formatMinor(stats.openingMinor),
    closingBalance: formatMinor(stats.closingMinor),
    duplicateCount: stats.duplicates,
    transactionCount: stats.rows,
  });
}
