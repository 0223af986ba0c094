import { computeTransactionHash, normalizeDecimal } from '@housef3/package-format';
import { formatMinor, parseMinor } from './money';
import { AssignmentKind, DAY_MS, FilePlan, SeedPlan, SpecialCase, StatementRow } from './seed-model';
import { SeededRandom, randomFor } from './seeded-random';
import { MERCHANTS, MONTHS, MerchantTemplate } from './vocabulary';

/** Probability that a line repeats the previous one (a second identical coffee: HouseF3 flags it duplicate). */
const REPEAT_PROBABILITY = 1 / 30;
const TWO_POW_63 = 1n << 63n;

/**
 * The lines of one statement file, in order, generated lazily and deterministically (the same
 * lines on every call: statements, transactions and the plan's statistics all come from here).
 * Memory stays constant whatever the number of lines.
 */
export function* statementRows(plan: SeedPlan, file: FilePlan): Generator<StatementRow> {
  const random = randomFor(plan.keys.content, 'rows', file.index);
  const merchants = MERCHANTS.filter((merchant) => file.account.template.merchants?.includes(merchant.key));
  const specials = file.specials ? SPECIAL_LINES : [];
  let balance = file.openingMinor;
  let previous: StatementRow | undefined;
  let repeated = false;
  const seenToday = new Set<string>();
  let today = -1;

  for (let row = 0; row < file.rows; row++) {
    let draft: LineDraft;
    if (row < specials.length) {
      draft = specialDraft(plan, file, specials[row], previous);
      repeated = specials[row].repeatsPrevious === true;
    } else if (previous !== undefined && !repeated && random.chance(REPEAT_PROBABILITY)) {
      draft = { ...previous, special: undefined };
      repeated = true;
    } else {
      draft = merchantDraft(plan, random, merchants, file.firstDay + Math.floor((row * file.days) / file.rows) * DAY_MS);
      repeated = false;
    }
    if (draft.date !== today) {
      today = draft.date;
      seenToday.clear();
    }
    // HouseF3 marks a line whose hash it has seen before in the account as a duplicate. Files of
    // one account cover disjoint periods and the date is hashed, so only lines of the same day can clash.
    const hashKey = `${normalizeDecimal(draft.amount)}|${draft.description}`;
    const status = seenToday.has(hashKey) ? 'duplicate' : 'new';
    seenToday.add(hashKey);
    balance += draft.amountMinor;
    const line: StatementRow = {
      ...draft,
      row,
      balance: formatMinor(balance),
      status,
      fitId: file.format === 'ofx' ? `${isoDay(draft.date).replace(/-/g, '')}${String(file.index).padStart(3, '0')}${String(row).padStart(7, '0')}` : undefined,
    };
    previous = line;
    yield line;
  }
}

type LineDraft = Omit<StatementRow, 'row' | 'balance' | 'status' | 'fitId'>;

function merchantDraft(plan: SeedPlan, random: SeededRandom, merchants: readonly MerchantTemplate[], date: number): LineDraft {
  const merchant = random.weighted(merchants);
  const amountMinor = 'choices' in merchant.amount
    ? random.pick(merchant.amount.choices)
    : merchant.amount.min + BigInt(random.int(0, Number(merchant.amount.max - merchant.amount.min)));
  const number = String(random.int(1000, 9999));
  const assignment: AssignmentKind = merchant.category === undefined ? 'none' : random.weighted(ASSIGNMENT_WEIGHTS).kind;
  return {
    date,
    description: fill(merchant.description, date, number),
    amount: formatMinor(amountMinor),
    amountMinor,
    transactionType: merchant.transactionType,
    memo: merchant.memo === undefined ? undefined : fill(merchant.memo, date, number),
    checkNumber: merchant.check ? number : undefined,
    merchant,
    assignment,
    manualCategory: assignment === 'manual' || assignment === 'suggested+manual' ? manualChoice(plan, random, merchant) : undefined,
    confirmDelayMs: random.int(1, 30) * DAY_MS + random.int(0, DAY_MS - 1),
  };
}

const ASSIGNMENT_WEIGHTS: readonly { kind: AssignmentKind; weight: number }[] = [
  { kind: 'suggested', weight: 45 },
  { kind: 'confirmed', weight: 30 },
  { kind: 'manual', weight: 10 },
  { kind: 'suggested+manual', weight: 10 },
  { kind: 'none', weight: 5 },
];

/** The category a user picked by hand: another leaf category of the same type. */
function manualChoice(plan: SeedPlan, random: SeededRandom, merchant: MerchantTemplate): string {
  const others = otherLeaves(plan, merchant.category);
  return others.length > 0 ? random.pick(others) : (merchant.category as string);
}

function otherLeaves(plan: SeedPlan, categoryPath: string | undefined): readonly string[] {
  const type = categoryPath === undefined ? 'EXPENSE' : plan.categoryByPath.get(categoryPath)?.type ?? 'EXPENSE';
  return (plan.leafCategoryPaths.get(type) ?? []).filter((path) => path !== categoryPath);
}

function fill(template: string, date: number, number: string): string {
  const day = new Date(date);
  return template
    .replace('{n}', number)
    .replace('{dd}', String(day.getUTCDate()).padStart(2, '0'))
    .replace('{MON}', MONTHS[day.getUTCMonth()]);
}

/** `2024-01-05` for an epoch-ms day. */
export function isoDay(date: number): string {
  return new Date(date).toISOString().slice(0, 10);
}

interface SpecialLine {
  readonly special: SpecialCase;
  readonly description: string;
  readonly amount: string;
  readonly merchant?: string;
  readonly assignment: AssignmentKind;
  readonly memo?: string;
  readonly transactionType: string;
  /** Search description suffixes until the line's transactionHash exceeds 2^63. */
  readonly hashAbove2p63?: boolean;
  readonly repeatsPrevious?: boolean;
}

/** The awkward mode's lines, at the top of the first statement file, on its first day. */
export const SPECIAL_LINES: readonly SpecialLine[] = [
  { special: 'zero-amount', description: 'AWKWARD ZERO AMOUNT ADJUSTMENT', amount: '0', assignment: 'none', memo: 'Zero is a valid amount', transactionType: 'OTHER' },
  { special: 'unicode-quotes', description: 'Café ☕ & "quotes" \\ back/slash, <b>tags</b>', amount: '-120.50', merchant: 'cafe', assignment: 'suggested', transactionType: 'POS' },
  { special: 'trailing-zero', description: '東京ラーメン 🍜 新宿店', amount: '-1200.10', merchant: 'ramen', assignment: 'manual', transactionType: 'POS' },
  { special: 'tab-in-description', description: 'SAINSBURYS.CO.UK \tON 05 JUN BCC', amount: '-87.28', merchant: 'sainsburys', assignment: 'confirmed', transactionType: 'POS' },
  { special: 'hash-above-2^63', description: 'AWKWARD LARGE HASH', amount: '-64.00', assignment: 'none', transactionType: 'DEBIT', hashAbove2p63: true },
  { special: 'duplicate-of-large-hash', description: '', amount: '-64.00', assignment: 'none', transactionType: 'DEBIT', repeatsPrevious: true },
  { special: 'big-refund', description: 'REFUND — ÉLECTRICITÉ ⚡ 12/2023', amount: '2345.60', merchant: 'energy', assignment: 'suggested+manual', transactionType: 'CREDIT', memo: 'DIRECT DEBIT REFUND' },
];

function specialDraft(plan: SeedPlan, file: FilePlan, line: SpecialLine, previous: StatementRow | undefined): LineDraft {
  if (line.repeatsPrevious && previous !== undefined) return { ...previous, special: line.special };
  const merchant = MERCHANTS.find((m) => m.key === line.merchant);
  const date = file.firstDay;
  const description = line.hashAbove2p63 ? descriptionHashingAbove2p63(file.account.accountId, date, line.amount, line.description) : line.description;
  return {
    date,
    description,
    amount: line.amount,
    amountMinor: parseMinor(line.amount),
    transactionType: line.transactionType,
    memo: line.memo,
    merchant,
    assignment: line.assignment,
    manualCategory: line.assignment.includes('manual') ? firstOtherLeaf(plan, merchant) : undefined,
    confirmDelayMs: 3 * DAY_MS,
    special: line.special,
  };
}

function firstOtherLeaf(plan: SeedPlan, merchant: MerchantTemplate | undefined): string {
  return otherLeaves(plan, merchant?.category)[0] ?? (merchant?.category as string);
}

/** `${base} #k` for the first k whose transactionHash exceeds 2^63: a deterministic search, the hash stays correct. */
export function descriptionHashingAbove2p63(accountId: string, date: number, amount: string, base: string): string {
  for (let k = 0; ; k++) {
    const description = `${base} #${k}`;
    if (computeTransactionHash(accountId, date, amount, description) > TWO_POW_63) return description;
  }
}
