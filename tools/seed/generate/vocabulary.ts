import type { AccountType, CategoryRule, CategoryType, Currency, RuleInheritanceMode } from '@housef3/package-format';

/*
 * The fixed vocabulary of a seeded user: accounts, a three-level category tree whose rules cover
 * every condition and every fieldToMatch, and the merchants whose statement lines those rules
 * match. Random choices are made elsewhere (statement-rows.ts); this file is data.
 */

/** An account of the seeded user. Accounts with `statements` receive the statement files, round robin. */
export interface AccountTemplate {
  readonly key: string;
  readonly accountName: string;
  readonly accountType: AccountType;
  readonly institution?: string;
  readonly currency?: Currency;
  /** Minor units (cents; yen for JPY) before the first statement, or the fixed balance of accounts without statements. */
  readonly openingMinor?: bigint;
  readonly notes?: string;
  readonly isActive: boolean;
  /** Statement formats, used in turn for this account's files; absent: the account gets no files. */
  readonly statements?: readonly ('csv' | 'ofx')[];
  /** Card statements show charges as positive amounts: the CSV file map reverses them. */
  readonly reverseAmounts?: boolean;
  /** Merchants seen on this account's statements. */
  readonly merchants?: readonly string[];
}

export const ACCOUNT_TEMPLATES: readonly AccountTemplate[] = [
  {
    key: 'checking', accountName: 'Everyday Checking', accountType: 'checking', institution: 'First Example Bank', currency: 'USD',
    openingMinor: 254_312n, isActive: true, statements: ['csv', 'ofx'],
    merchants: ['tesco', 'sainsburys', 'costa', 'cafe', 'ramen', 'shell', 'tfl', 'energy', 'amazon', 'salary', 'check', 'corner', 'savings-transfer'],
  },
  {
    key: 'savings', accountName: 'Rainy Day Savings', accountType: 'savings', institution: 'Banque Exemple', currency: 'EUR',
    openingMinor: 1_250_000n, isActive: true, statements: ['ofx'], merchants: ['interest', 'savings-deposit', 'corner'],
  },
  {
    key: 'credit', accountName: 'Travel Rewards Card', accountType: 'credit_card', institution: 'Example Card Services', currency: 'GBP',
    openingMinor: -45_210n, isActive: true, statements: ['csv'], reverseAmounts: true,
    merchants: ['tesco', 'sainsburys', 'costa', 'cafe', 'ramen', 'shell', 'tfl', 'amazon', 'card-payment'],
  },
  {
    key: 'investment', accountName: 'Index Fund ISA', accountType: 'investment', institution: 'Example Invest', currency: 'USD',
    openingMinor: 1_523_407n, isActive: true, notes: 'Opened for the long run; balance updated by hand.',
  },
  {
    key: 'loan', accountName: 'Car loan – 日本', accountType: 'loan', institution: 'Example Finance', currency: 'JPY',
    openingMinor: -1_250_000n, isActive: false, notes: 'Paid off early ✓ (kept for history)',
  },
  { key: 'other', accountName: 'Cash envelope', accountType: 'other', isActive: true },
];

/** A rule as written in the vocabulary; its ruleId is derived from the category path and position. */
export type RuleTemplate = Omit<CategoryRule, 'ruleId' | 'caseSensitive' | 'priority' | 'enabled' | 'confidence' | 'allowMultipleMatches' | 'autoSuggest'> &
  Partial<Pick<CategoryRule, 'caseSensitive' | 'priority' | 'enabled' | 'confidence' | 'allowMultipleMatches' | 'autoSuggest'>>;

export interface CategoryTemplate {
  /** Path of names from the root, joined with '/': the stable key of the category. */
  readonly name: string;
  readonly type: CategoryType;
  readonly icon?: string;
  readonly color?: string;
  readonly inheritParentRules?: boolean;
  readonly ruleInheritanceMode?: RuleInheritanceMode;
  readonly rules?: readonly RuleTemplate[];
  readonly children?: readonly CategoryTemplate[];
}

const rule = (fieldToMatch: RuleTemplate['fieldToMatch'], condition: RuleTemplate['condition'], value: string, extra: Partial<RuleTemplate> = {}): RuleTemplate => ({
  fieldToMatch, condition, value, ...extra,
});

/**
 * Three levels under each type. Conditions covered: contains, starts_with, ends_with, equals,
 * regex, amount_greater, amount_less, amount_between and the design document's amount_range;
 * fieldToMatch covered: description, payee, memo, amount.
 */
export const CATEGORY_TREE: readonly CategoryTemplate[] = [
  {
    name: 'Income', type: 'INCOME', icon: '💰', color: '#2E7D32',
    children: [
      {
        name: 'Salary', type: 'INCOME', icon: 'briefcase', children: [
          { name: 'Main job', type: 'INCOME', rules: [rule('amount', 'amount_greater', '1000.00', { amountMin: '1000.00' }), rule('memo', 'contains', 'SALARY')] },
        ],
      },
      { name: 'Interest', type: 'INCOME', rules: [rule('amount', 'amount_between', '0.01-50.00', { amountMin: '0.01', amountMax: '50.00' }), rule('payee', 'equals', 'INTEREST PAID', { caseSensitive: true })] },
    ],
  },
  {
    name: 'Living', type: 'EXPENSE', icon: 'home', color: '#1565C0', rules: [rule('description', 'contains', 'GROCER', { enabled: false, priority: 0, confidence: 40 })],
    children: [
      {
        name: 'Groceries', type: 'EXPENSE', icon: '🛒', children: [
          { name: 'Supermarkets', type: 'EXPENSE', rules: [rule('description', 'contains', 'TESCO'), rule('description', 'starts_with', 'SAINSBURYS', { priority: 60 })] },
        ],
      },
      {
        name: 'Eating out', type: 'EXPENSE', icon: '🍽️', ruleInheritanceMode: 'override', children: [
          { name: 'Coffee', type: 'EXPENSE', icon: '☕', rules: [rule('description', 'ends_with', 'COFFEE'), rule('description', 'regex', '^CAF[EÉ]\\b', { caseSensitive: false, confidence: 75 })] },
          { name: 'Restaurants & ラーメン', type: 'EXPENSE', rules: [rule('payee', 'contains', 'ラーメン', { allowMultipleMatches: false })] },
        ],
      },
    ],
  },
  {
    name: 'Transport', type: 'EXPENSE', icon: 'car', color: '#6A1B9A',
    children: [
      { name: 'Fuel', type: 'EXPENSE', rules: [rule('payee', 'starts_with', 'SHELL')] },
      {
        name: 'Public transport', type: 'EXPENSE', inheritParentRules: false, ruleInheritanceMode: 'disabled', children: [
          { name: 'Rail', type: 'EXPENSE', rules: [rule('description', 'equals', 'TFL TRAVEL CH', { caseSensitive: true, priority: 90 })] },
        ],
      },
    ],
  },
  {
    name: 'Bills', type: 'EXPENSE', icon: 'receipt', color: '#EF6C00',
    children: [
      {
        name: 'Utilities', type: 'EXPENSE', children: [
          { name: 'Energy', type: 'EXPENSE', rules: [rule('memo', 'contains', 'DIRECT DEBIT'), rule('amount', 'amount_less', '200.00', { amountMax: '200.00', autoSuggest: false })] },
        ],
      },
    ],
  },
  {
    name: 'Shopping', type: 'EXPENSE', icon: 'bag', color: '#AD1457',
    children: [{ name: 'Online', type: 'EXPENSE', rules: [rule('description', 'regex', 'AMAZON|AMZN'), rule('payee', 'ends_with', 'MKTPLACE', { confidence: 85 })] }],
  },
  {
    name: 'Transfers', type: 'TRANSFER', icon: '🔁', color: '#546E7A',
    children: [
      {
        name: 'Between accounts', type: 'TRANSFER', children: [
          { name: 'Credit card payment', type: 'TRANSFER', rules: [rule('description', 'equals', 'PAYMENT THANK YOU'), rule('amount', 'amount_range', '100.00-5000.00', { amountMin: '100.00', amountMax: '5000.00' })] },
        ],
      },
      { name: 'Savings', type: 'TRANSFER', rules: [rule('description', 'starts_with', 'TRANSFER TO SAV')] },
    ],
  },
];

/** A merchant line on statements: what it says, how much, and which rule (category path, rule index) matches it. */
export interface MerchantTemplate {
  readonly key: string;
  readonly weight: number;
  /** Description; `{n}` becomes a 4-digit number, `{dd} {MON}` the day and month of the line. */
  readonly description: string;
  readonly memo?: string;
  readonly transactionType: string;
  /** Amount in minor units (signed): a range, or fixed amounts to pick from (fixed fares make same-day repeats, as in life). */
  readonly amount: { readonly min: bigint; readonly max: bigint } | { readonly choices: readonly bigint[] };
  /** Category path and rule index in CATEGORY_TREE; absent: uncategorized. */
  readonly category?: string;
  readonly ruleIndex?: number;
  /** A check: the line carries a check number. */
  readonly check?: boolean;
}

export const MERCHANTS: readonly MerchantTemplate[] = [
  { key: 'tesco', weight: 14, description: 'TESCO STORES {n}', transactionType: 'POS', amount: { min: -12_000n, max: -450n }, category: 'Living/Groceries/Supermarkets', ruleIndex: 0 },
  { key: 'sainsburys', weight: 8, description: 'SAINSBURYS.CO.UK \tON {dd} {MON} BCC', transactionType: 'POS', amount: { min: -9_500n, max: -800n }, category: 'Living/Groceries/Supermarkets', ruleIndex: 1 },
  { key: 'costa', weight: 10, description: 'COSTA COFFEE', transactionType: 'POS', amount: { min: -650n, max: -250n }, category: 'Living/Eating out/Coffee', ruleIndex: 0 },
  { key: 'cafe', weight: 5, description: 'CAFÉ ☕ LE PETIT "BISTRO", PARIS', transactionType: 'POS', amount: { min: -1_800n, max: -300n }, category: 'Living/Eating out/Coffee', ruleIndex: 1 },
  { key: 'ramen', weight: 4, description: '東京ラーメン 🍜 新宿', transactionType: 'POS', amount: { min: -2_500n, max: -900n }, category: 'Living/Eating out/Restaurants & ラーメン', ruleIndex: 0 },
  { key: 'shell', weight: 5, description: 'SHELL {n} FUEL', transactionType: 'POS', amount: { min: -9_000n, max: -3_000n }, category: 'Transport/Fuel', ruleIndex: 0 },
  { key: 'tfl', weight: 8, description: 'TFL TRAVEL CH', transactionType: 'DEBIT', amount: { choices: [-280n, -150n, -690n] }, category: 'Transport/Public transport/Rail', ruleIndex: 0 },
  { key: 'energy', weight: 1, description: 'OCTOPUS ENERGY', memo: 'DIRECT DEBIT {n}', transactionType: 'DIRECTDEBIT', amount: { min: -15_000n, max: -6_000n }, category: 'Bills/Utilities/Energy', ruleIndex: 0 },
  { key: 'amazon', weight: 7, description: 'AMAZON MKTPLACE {n}', transactionType: 'POS', amount: { min: -8_999n, max: -499n }, category: 'Shopping/Online', ruleIndex: 0 },
  { key: 'salary', weight: 1, description: 'ACME CORP', memo: 'SALARY {MON}', transactionType: 'CREDIT', amount: { min: 250_000n, max: 350_000n }, category: 'Income/Salary/Main job', ruleIndex: 0 },
  { key: 'interest', weight: 2, description: 'INTEREST PAID', transactionType: 'INT', amount: { min: 1n, max: 4_999n }, category: 'Income/Interest', ruleIndex: 0 },
  { key: 'card-payment', weight: 1, description: 'PAYMENT THANK YOU', transactionType: 'CREDIT', amount: { min: 10_000n, max: 200_000n }, category: 'Transfers/Between accounts/Credit card payment', ruleIndex: 0 },
  { key: 'savings-transfer', weight: 1, description: 'TRANSFER TO SAVINGS', transactionType: 'XFER', amount: { min: -50_000n, max: -10_000n }, category: 'Transfers/Savings', ruleIndex: 0 },
  { key: 'savings-deposit', weight: 3, description: 'VIREMENT REÇU – ÉPARGNE', transactionType: 'XFER', amount: { min: 10_000n, max: 50_000n } },
  { key: 'check', weight: 1, description: 'CHECK {n}', transactionType: 'CHECK', amount: { min: -40_000n, max: -2_000n }, check: true },
  { key: 'corner', weight: 4, description: 'CORNER SHOP', transactionType: 'POS', amount: { min: -1_500n, max: -100n } },
];

export const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
