import { JsonNumber, computeTransactionHash, validateRecord } from '@housef3/package-format';
import { buildAccount, buildAnalytics, buildCategory, buildRule, buildTransaction, buildTransactionFile } from '@housef3/package-format/testing';
import type { StoredItem } from './attribute-value';
import { fromItem } from './from-item';
import { toItem } from './to-item';

const USER = 'user-1';

describe('fromItem', () => {
  describe('numbers as DynamoDB holds them (it normalizes N; the codec does not pretend otherwise)', () => {
    // What DynamoDB (and DynamoDB Local, for top-level attributes) returns for what was written.
    it.each([
      ['-3.50', '-3.5'],
      ['100.00', '100'],
      ['1E+3', '1000'],
      ['-0.00', '0'],
      ['-1.5E-7', '-0.00000015'],
    ])('an amount written as N %s and returned as %s reads as %s', (written, returned) => {
      const transaction = buildTransaction({ amount: written });
      const item = toItem('transactions', transaction, USER);
      expect(item.amount).toEqual({ N: written });
      const decoded = fromItem('transactions', { ...item, amount: { N: returned } });
      expect(decoded.raw.amount).toBe(returned);
      const validated = validateRecord('transactions', decoded.raw);
      expect(validated.record?.amount).toBe(returned);
    });

    it('keeps the hash valid across trailing-zero normalization, but not across the lost sign of -0.00', () => {
      const trailing = buildTransaction({ amount: '-3.50' });
      const normalized = validateRecord('transactions', fromItem('transactions', { ...toItem('transactions', trailing, USER), amount: { N: '-3.5' } }).raw);
      expect(normalized.issues).toEqual([]);

      const negativeZero = buildTransaction({ amount: '-0.00' });
      const lostSign = validateRecord('transactions', fromItem('transactions', { ...toItem('transactions', negativeZero, USER), amount: { N: '0' } }).raw);
      expect(lostSign.record?.transactionHash).toBe(negativeZero.transactionHash); // the stored hash is kept
      expect(lostSign.issues.map((issue) => issue.code)).toEqual(['hash_mismatch']);
      expect(computeTransactionHash(negativeZero.accountId, negativeZero.date, '0', negativeZero.description)).not.toBe(negativeZero.transactionHash);
    });

    it('keeps S decimals exactly as written (Account.balance, openingBalance, amountMin)', () => {
      const decoded = fromItem('accounts', toItem('accounts', buildAccount({ balance: '100.00' }), USER));
      expect(decoded.raw.balance).toBe('100.00');
    });

    it.each([0n, (1n << 53n) + 1n, (1n << 63n) - 1n, 1n << 63n, (1n << 63n) + 1n, (1n << 64n) - 2n, (1n << 64n) - 1n])(
      'reads transactionHash %s exactly, never through a JS number',
      (hash) => {
        const item = toItem('transactions', buildTransaction({ transactionHash: hash }), USER);
        expect(item.transactionHash).toEqual({ N: hash.toString() });
        const decoded = fromItem('transactions', item);
        expect(decoded.raw.transactionHash).toEqual(new JsonNumber(hash.toString()));
        expect(validateRecord('transactions', decoded.raw, { checkTransactionHash: false }).record?.transactionHash).toBe(hash);
      },
    );
  });

  describe('reports what does not map one-to-one', () => {
    it('reports unknown attributes at any depth and leaves them out of the record', () => {
      const item = toItem('categories', buildCategory({ rules: [buildRule()] }), USER) as Record<string, never>;
      const rules = (item.rules as { L: { M: Record<string, unknown> }[] }).L;
      const stored: StoredItem = { ...item, budgetLimit: { N: '250' }, rules: { L: [{ M: { ...rules[0].M, weight: { S: 'high' } } }] } };
      const decoded = fromItem('categories', stored);
      expect(decoded.issues).toEqual([
        expect.objectContaining({ code: 'unknown_attribute', attribute: 'rules[0].weight', found: 'S' }),
        expect.objectContaining({ code: 'unknown_attribute', attribute: 'budgetLimit', found: 'N' }),
      ]);
      expect(decoded.raw).not.toHaveProperty('budgetLimit');
      expect(validateRecord('categories', decoded.raw).issues).toEqual([]);
    });

    it('decodes a known attribute of an unexpected type as found, so validateRecord judges it', () => {
      const item = toItem('accounts', buildAccount({ balance: '12.50' }), USER);
      const decoded = fromItem('accounts', { ...item, balance: { N: '12.5' } });
      expect(decoded.issues).toEqual([expect.objectContaining({ code: 'unexpected_type', attribute: 'balance', found: 'N' })]);
      expect(decoded.issues[0].message).toBe('balance: stored as N, but HouseF3 stores it as S; decoded as found');
      expect(decoded.raw.balance).toEqual(new JsonNumber('12.5'));
      expect(validateRecord('accounts', decoded.raw).issues).toEqual([expect.objectContaining({ field: 'balance', code: 'wrong_type' })]);
    });

    it('reads NULL as "not set", as validateRecord does', () => {
      const item = toItem('transaction_files', buildTransactionFile(), USER);
      const decoded = fromItem('transaction_files', { ...item, errorMessage: { NULL: true } });
      expect(decoded.issues).toEqual([]);
      expect(validateRecord('transaction_files', decoded.raw).record).not.toHaveProperty('errorMessage');
    });

    it('keeps an N outside the JSON grammar as text and reports it (DynamoDB Local keeps nested numbers as written)', () => {
      const item = toItem('analytics', buildAnalytics({ data: { a: new JsonNumber('1') } }), USER);
      const decoded = fromItem('analytics', { ...item, data: { M: { a: { N: '+5' }, b: { N: '007' } } } });
      expect(decoded.issues.map((issue) => [issue.code, issue.attribute])).toEqual([['unreadable_number', 'data.a'], ['unreadable_number', 'data.b']]);
      expect(decoded.raw.data).toEqual({ a: '+5', b: '007' });
    });

    it('reports what a package cannot hold as it is: sets (decoded as lists) and binaries (left out)', () => {
      const item = toItem('analytics', buildAnalytics(), USER);
      const decoded = fromItem('analytics', { ...item, data: { M: { tags: { SS: ['a', 'b'] }, ns: { NS: ['1.50'] }, blob: { B: new Uint8Array([1]) } } } });
      expect(decoded.raw.data).toEqual({ tags: ['a', 'b'], ns: [new JsonNumber('1.50')] });
      expect(decoded.issues.map((issue) => [issue.code, issue.attribute, issue.found])).toEqual([
        ['unsupported_type', 'data.tags', 'SS'],
        ['unsupported_type', 'data.ns', 'NS'],
        ['unsupported_type', 'data.blob', 'B'],
      ]);
    });

    it('reports an analytics item whose pk/sk disagree with its fields', () => {
      const item = toItem('analytics', buildAnalytics({ timePeriod: '2024-12' }), USER);
      const decoded = fromItem('analytics', { ...item, sk: { S: '2024-11#ALL' } });
      expect(decoded.issues).toEqual([expect.objectContaining({ code: 'inconsistent_key', attribute: 'sk' })]);
      expect(decoded.raw).not.toHaveProperty('pk');
      expect(decoded.raw).not.toHaveProperty('sk');
    });

    it('returns the owner and reports a userId of the wrong type', () => {
      const item = toItem('accounts', buildAccount(), USER);
      expect(fromItem('accounts', item).userId).toBe(USER);
      const decoded = fromItem('accounts', { ...item, userId: { N: '7' } });
      expect(decoded.userId).toBeUndefined();
      expect(decoded.issues).toEqual([expect.objectContaining({ code: 'unexpected_type', attribute: 'userId' })]);
    });

    it('reports a list entry that is not a map', () => {
      const item = toItem('transactions', buildTransaction(), USER);
      const decoded = fromItem('transactions', { ...item, categories: { L: [{ S: 'groceries' }] } });
      expect(decoded.issues).toEqual([expect.objectContaining({ code: 'unexpected_type', attribute: 'categories[0]', found: 'S' })]);
      expect(validateRecord('transactions', decoded.raw).record).toBeUndefined();
    });
  });
});
