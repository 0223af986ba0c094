import { buildAccount, buildAnalytics, buildTransaction } from '@housef3/package-format/testing';
import { ItemCodecError } from './item-codec-error';
import { toItem } from './to-item';

const USER = 'user-1';

describe('toItem', () => {
  it('writes statusDate derived from status and date, and refuses a record whose statusDate disagrees', () => {
    const transaction = buildTransaction({ status: 'duplicate', date: 1_704_067_200_000 });
    expect(toItem('transactions', transaction, USER).statusDate).toEqual({ S: 'duplicate#1704067200000' });
    expect(() => toItem('transactions', { ...transaction, statusDate: 'new#1704067200000' }, USER)).toThrow(
      'Transaction.statusDate: is "new#1704067200000", but status and date give "duplicate#1704067200000"',
    );
  });

  it('writes analytics pk/sk for the given user, not the record\'s userId', () => {
    const item = toItem('analytics', buildAnalytics({ userId: 'someone-else', analyticType: 'financial_health', timePeriod: '2024' }), USER);
    expect(item.pk).toEqual({ S: 'user-1#financial_health' });
    expect(item.sk).toEqual({ S: '2024#ALL' });
    expect(item.userId).toEqual({ S: USER });
  });

  it.each([
    ['an amount given as a JS number', { amount: -3.5 }, 'Transaction.amount: expected a decimal string, found the number -3.5 (money never travels as a JS number)'],
    ['a hash given as a JS number', { transactionHash: 12 }, 'Transaction.transactionHash: expected a bigint, found the number 12 (a JS number loses digits beyond 2^53)'],
    ['a hash beyond 2^64-1', { transactionHash: 1n << 64n }, 'Transaction.transactionHash: 18446744073709551616 is outside 0 .. 2^64-1'],
    ['an invalid decimal', { amount: '1,000' }, 'Transaction.amount: "1,000" is not a decimal number'],
    ['a missing required field', { description: undefined }, 'Transaction.description: is required but not set'],
    ['a fractional timestamp', { createdAt: 1.5 }, 'Transaction.createdAt: expected a safe integer, found the number 1.5'],
    ['a nested value of the wrong type', { categories: [{ categoryId: 'c', confidence: '90' }] }, 'CategoryAssignment.categories[0].confidence: expected a safe integer, found the string "90"'],
  ])('refuses %s with an ItemCodecError naming the field', (_case, override, message) => {
    const record = { ...buildTransaction(), ...override } as never;
    expect(() => toItem('transactions', record, USER)).toThrow(ItemCodecError);
    expect(() => toItem('transactions', record, USER)).toThrow(message);
  });

  it('refuses an empty owner', () => {
    expect(() => toItem('accounts', buildAccount(), '')).toThrow('accounts.userId: the owner must be a non-empty user ID');
  });
});
