import { buildCategoryTree } from './categories';
import { seedUuid } from './seed-ids';
import { AccountPlan, DAY_MS, FilePlan, FileStats, LARGE_FILE_BYTES, SEED_EPOCH_MS, SeedKeys, SeedPlan } from './seed-model';
import { SeedOptions, resolveSeedOptions } from './seed-options';
import { randomFor } from './seeded-random';
import { SPECIAL_LINES, isoDay } from './statement-rows';
import { statementChunks } from './statements';
import { ACCOUNT_TEMPLATES } from './vocabulary';

/** Unicode names the awkward mode gives the first two statement files (stem; the extension follows the format). */
export const AWKWARD_FILE_STEMS = ['relevé de compte – 2024 ✓', '取引明細書 2024年1月'] as const;
export const EMPTY_FILE_NAME = 'empty upload.csv';
export const LARGE_FILE_NAME = 'scanned statements 2023 (20 MiB).pdf';

/**
 * Everything about a seeded user except the transactions and file bytes, which are generated
 * lazily per file from this plan (statementRows, statementChunks). Deterministic: the same
 * options give the same plan. Generates every statement once to learn its balances, counts,
 * dates and byte size (constant memory).
 */
export function planSeed(input: SeedOptions): SeedPlan {
  const options = resolveSeedOptions(input);
  const keys: SeedKeys = { content: `housef3-seed/v1|${options.seed}`, ids: `housef3-seed/v1|${options.seed}|${options.userId}` };
  const accounts: AccountPlan[] = ACCOUNT_TEMPLATES.map((template) => ({
    template,
    accountId: seedUuid(keys.ids, 'account', template.key),
    fileMapId: template.statements?.includes('csv') ? seedUuid(keys.ids, 'file-map', template.key) : undefined,
  }));
  const tree = buildCategoryTree(keys);
  const files: FilePlan[] = [];
  const plan: SeedPlan = {
    options, keys, accounts, categories: tree.categories, categoryByPath: tree.byPath, leafCategoryPaths: tree.leafPaths, files,
  };

  const withStatements = accounts.filter((account) => account.template.statements !== undefined);
  const balance = new Map(accounts.map((account) => [account.accountId, account.template.openingMinor ?? 0n]));
  const nextDay = new Map(accounts.map((account) => [account.accountId, SEED_EPOCH_MS]));
  const { transactions, files: fileCount } = options;
  for (let index = 0; index < fileCount; index++) {
    const account = withStatements[index % withStatements.length];
    const statements = account.template.statements as readonly ('csv' | 'ofx')[];
    const format = statements[Math.floor(index / withStatements.length) % statements.length];
    const rows = Math.floor(transactions / fileCount) + (index < transactions % fileCount ? 1 : 0);
    const random = randomFor(keys.content, 'file-plan', index);
    const days = Math.max(28 + random.int(0, 14), Math.min(366, Math.ceil(rows / 8)));
    const firstDay = nextDay.get(account.accountId) as number;
    nextDay.set(account.accountId, firstDay + days * DAY_MS);
    const uploadDate = firstDay + (days + 2) * DAY_MS + 9 * 3_600_000 + random.int(0, 3_599_999);
    const stem = options.awkward && index < AWKWARD_FILE_STEMS.length ? AWKWARD_FILE_STEMS[index] : `${account.template.key}-statement-${isoDay(firstDay)}`;
    const file: FilePlan = {
      index, kind: 'statement', fileId: seedUuid(keys.ids, 'file', index), fileName: `${stem}.${format}`, format, account,
      currency: account.template.currency, rows, firstDay, days, uploadDate, processedDate: uploadDate + random.int(1_500, 9_000),
      openingMinor: balance.get(account.accountId) as bigint, specials: options.awkward && index === 0, stats: emptyStats(0n),
    };
    if (file.specials && rows < SPECIAL_LINES.length) {
      throw new RangeError(
        `--awkward writes ${SPECIAL_LINES.length} special transactions into the first statement file, which gets only ${rows}: raise --transactions or lower --files`,
      );
    }
    file.stats = scanFile(plan, file);
    balance.set(account.accountId, file.stats.closingMinor);
    files.push(file);
  }
  if (options.awkward) files.push(...awkwardFiles(plan, accounts[0]));
  return plan;
}

function emptyStats(openingMinor: bigint): FileStats {
  return { rows: 0, duplicates: 0, openingMinor, closingMinor: openingMinor, incomeMinor: 0n, expenseMinor: 0n, bytes: 0 };
}

/** Balances, counts, dates and byte size of a file, by generating it once. */
function scanFile(plan: SeedPlan, file: FilePlan): FileStats {
  const stats = emptyStats(file.openingMinor);
  const observe = (row: { date: number; amountMinor: bigint; status: string }) => {
    stats.rows++;
    if (row.status === 'duplicate') stats.duplicates++;
    stats.closingMinor += row.amountMinor;
    if (row.amountMinor > 0n) stats.incomeMinor += row.amountMinor;
    else stats.expenseMinor += row.amountMinor;
    stats.firstDate ??= row.date;
    stats.lastDate = row.date;
  };
  for (const chunk of statementChunks(plan, file, observe)) stats.bytes += chunk.length;
  return stats;
}

/** The awkward mode's extra files on the first account: a zero-byte upload and a 20 MiB PDF. */
function awkwardFiles(plan: SeedPlan, account: AccountPlan): FilePlan[] {
  const last = plan.files.reduce((latest, file) => Math.max(latest, file.processedDate), SEED_EPOCH_MS);
  const common = { account, currency: account.template.currency, rows: 0, firstDay: SEED_EPOCH_MS, days: 1, openingMinor: 0n, specials: false };
  const index = plan.files.length;
  return [
    {
      ...common, index, kind: 'empty', fileId: seedUuid(plan.keys.ids, 'file', index), fileName: EMPTY_FILE_NAME, format: 'csv',
      uploadDate: last + DAY_MS, processedDate: last + DAY_MS + 1_200, stats: emptyStats(0n),
    },
    {
      ...common, index: index + 1, kind: 'large', fileId: seedUuid(plan.keys.ids, 'file', index + 1), fileName: LARGE_FILE_NAME, format: 'pdf',
      uploadDate: last + 2 * DAY_MS, processedDate: last + 2 * DAY_MS + 4_800, stats: { ...emptyStats(0n), bytes: LARGE_FILE_BYTES },
    },
  ];
}
