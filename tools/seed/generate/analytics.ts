import { AnalyticsRecord, JsonNumber, PackageJsonObject, canonicalRecord } from '@housef3/package-format';
import { formatMinor } from './money';
import { FilePlan, SeedPlan } from './seed-model';
import { isoDay } from './statement-rows';

const n = (text: string) => new JsonNumber(text);
const money = (minor: bigint) => n(formatMinor(minor));

/**
 * Analytics items of several types and periods (overall, a year, a quarter, a month; per account
 * and across all), with totals taken from the statements, numbers as exact JsonNumbers (trailing
 * zeros, a value beyond 2^53), nested lists and maps, booleans, null and unicode keys.
 */
export function analyticsRecords(plan: SeedPlan): AnalyticsRecord[] {
  const statements = plan.files.filter((file) => file.kind === 'statement');
  const lastFile = plan.files.reduce<FilePlan | undefined>((latest, file) => (latest === undefined || file.processedDate > latest.processedDate ? file : latest), undefined);
  const computedAt = (lastFile?.processedDate ?? 0) + 3_600_000;
  const computedDate = `${new Date(computedAt).toISOString().slice(0, 19)}.${String((computedAt % 1000) * 1000).padStart(6, '0')}+00:00`;
  const throughDate = isoDay(Math.max(0, ...statements.map((file) => file.stats.lastDate ?? 0)));
  // HouseF3 expires analytics (DynamoDB TTL). Seeded data is dated in the past; a ttl in the past
  // would let DynamoDB (Local too) delete it under running tests, so it is set ten years on.
  const ttl = Math.floor(computedAt / 1000) + 10 * 365 * 86_400;
  const total = (pick: (file: FilePlan) => bigint, files = statements) => files.reduce((sum, file) => sum + pick(file), 0n);
  const [checking, , credit] = plan.accounts;
  const checkingFiles = statements.filter((file) => file.account === checking);
  const firstMonth = isoDay(checkingFiles[0]?.firstDay ?? 1_704_067_200_000).slice(0, 7);
  const year = firstMonth.slice(0, 4);
  const base = { computedDate, dataThroughDate: throughDate };

  const byAccount = plan.accounts
    .filter((account) => statements.some((file) => file.account === account))
    .map((account): PackageJsonObject => {
      const files = statements.filter((file) => file.account === account);
      return { accountId: account.accountId, currency: account.template.currency ?? null, income: money(total((f) => f.stats.incomeMinor, files)), expenses: money(total((f) => f.stats.expenseMinor, files)) };
    });

  const records: AnalyticsRecord[] = [
    {
      ...base, analyticType: 'cash_flow', timePeriod: 'overall',
      data: {
        totalIncome: money(total((f) => f.stats.incomeMinor)), totalExpenses: money(total((f) => f.stats.expenseMinor)),
        transactionCount: n(String(total((f) => BigInt(f.stats.rows)))), duplicateCount: n(String(total((f) => BigInt(f.stats.duplicates)))),
        byAccount, mixedCurrencies: true, note: null,
      },
    },
    {
      ...base, analyticType: 'cash_flow', timePeriod: firstMonth, accountId: checking.accountId,
      data: { income: money(total((f) => f.stats.incomeMinor, checkingFiles.slice(0, 1))), expenses: money(total((f) => f.stats.expenseMinor, checkingFiles.slice(0, 1))), currency: 'USD' },
    },
    {
      ...base, analyticType: 'category_trends', timePeriod: `${year}-Q1`,
      data: {
        topCategories: plan.categories.filter((c) => c.rules.length > 0).slice(0, 4).map((c, i): PackageJsonObject => ({ categoryId: c.categoryId, name: c.name, share: n(`0.${25 - i * 5}0`) })),
        trend: 'stable',
      },
    },
    {
      ...base, analyticType: 'financial_health', timePeriod: year,
      data: { score: n('72'), savingsRate: n('0.1530'), emergencyFundMonths: n('3.50'), flags: ['low_emergency_fund'], counter: n('9007199254740993'), tiny: n('1E-7') },
    },
    {
      ...base, analyticType: 'credit_utilization', timePeriod: 'overall', accountId: credit.accountId,
      data: { creditLimit: n('5000.00'), utilization: n('0.342'), overLimit: false },
    },
    {
      ...base, analyticType: 'merchant_analysis', timePeriod: firstMonth, ttl,
      data: { merchants: { 'TESCO STORES': { visits: n('12'), total: n('-1234.50') }, '東京ラーメン 🍜': { visits: n('3'), total: n('-45.00') } } },
    },
    {
      analyticType: 'recommendations', timePeriod: 'overall', computedDate, ttl: ttl + 30 * 86_400,
      data: { items: [{ kind: 'budget', text: 'Spend less on coffee ☕', priority: n('1') }], dismissed: [] },
    },
  ];
  return records.map((record) => canonicalRecord('analytics', record));
}
