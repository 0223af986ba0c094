import { JsonNumber } from '@housef3/package-format';
import {
  buildAccount,
  buildAnalytics,
  buildAssignment,
  buildCategory,
  buildFileMap,
  buildRule,
  buildTransaction,
  buildTransactionFile,
} from '@housef3/package-format/testing';
import { toItem } from './to-item';
import type { Item } from './attribute-value';

/*
 * The quirks table of housef3-data-model.md, asserted attribute by attribute: every field of every
 * entity is written with the DynamoDB type HouseF3 uses. Written independently of
 * entity-item-specs.ts, so a slip in either shows up here.
 */

const USER = 'user-7f3c';
const ID = '4fdbd757-53b4-4a58-a2d4-551c2419149a';

function typesOf(item: Item): Record<string, string> {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, Object.keys(value)[0]]));
}

describe('attribute types as HouseF3 stores them', () => {
  it('Account: balance is S; booleans BOOL; timestamps N', () => {
    const item = toItem('accounts', buildAccount({
      accountId: ID, notes: 'n', defaultFileMapId: ID, firstTransactionDate: 1, lastTransactionDate: 2, importsStartDate: 3, importsEndDate: 4, balance: '-1200.10',
    }), USER);
    expect(typesOf(item)).toEqual({
      accountId: 'S', userId: 'S', accountName: 'S', accountType: 'S', institution: 'S', balance: 'S', currency: 'S', notes: 'S', isActive: 'BOOL',
      defaultFileMapId: 'S', firstTransactionDate: 'N', lastTransactionDate: 'N', importsStartDate: 'N', importsEndDate: 'N', createdAt: 'N', updatedAt: 'N',
    });
    expect(item.balance).toEqual({ S: '-1200.10' });
  });

  it('Transaction: amount, balance and transactionHash are N; statusDate S; categories a list of maps', () => {
    const transaction = buildTransaction({
      accountId: ID, amount: '-3.50', balance: '100.00', transactionType: 'DEBIT', memo: 'm', checkNumber: '101', fitId: 'F1', primaryCategoryId: ID,
      categories: [buildAssignment({ ruleId: 'rule_0a1b2c3d', confirmedAt: 5 })],
    });
    const item = toItem('transactions', transaction, USER);
    expect(typesOf(item)).toEqual({
      transactionId: 'S', userId: 'S', accountId: 'S', fileId: 'S', date: 'N', description: 'S', amount: 'N', currency: 'S', balance: 'N', importOrder: 'N',
      transactionType: 'S', memo: 'S', checkNumber: 'S', fitId: 'S', status: 'S', statusDate: 'S', transactionHash: 'N', categories: 'L',
      primaryCategoryId: 'S', createdAt: 'N', updatedAt: 'N',
    });
    expect(item.amount).toEqual({ N: '-3.50' });
    expect(item.balance).toEqual({ N: '100.00' });
    expect(item.transactionHash).toEqual({ N: transaction.transactionHash.toString() });
    expect(item.statusDate).toEqual({ S: `new#${transaction.date}` });
    const [assignment] = (item.categories as { L: { M: Item }[] }).L;
    expect(typesOf(assignment.M)).toEqual({ categoryId: 'S', confidence: 'N', status: 'S', isManual: 'BOOL', assignedAt: 'N', confirmedAt: 'N', ruleId: 'S' });
  });

  it('Category: rules a list of maps; CategoryRule.amountMin/amountMax are S', () => {
    const item = toItem('categories', buildCategory({
      parentCategoryId: ID, icon: 'cart', color: '#00AA88',
      rules: [buildRule({ condition: 'amount_between', fieldToMatch: 'amount', amountMin: '10.00', amountMax: '1E+3' })],
    }), USER);
    expect(typesOf(item)).toEqual({
      categoryId: 'S', userId: 'S', name: 'S', type: 'S', parentCategoryId: 'S', icon: 'S', color: 'S', inheritParentRules: 'BOOL',
      ruleInheritanceMode: 'S', rules: 'L', createdAt: 'N', updatedAt: 'N',
    });
    const [rule] = (item.rules as { L: { M: Item }[] }).L;
    expect(typesOf(rule.M)).toEqual({
      ruleId: 'S', fieldToMatch: 'S', condition: 'S', value: 'S', caseSensitive: 'BOOL', priority: 'N', enabled: 'BOOL', confidence: 'N',
      amountMin: 'S', amountMax: 'S', allowMultipleMatches: 'BOOL', autoSuggest: 'BOOL',
    });
    expect(rule.M.amountMin).toEqual({ S: '10.00' });
    expect(rule.M.amountMax).toEqual({ S: '1E+3' });
  });

  it('FileMap: mappings a list of maps; reverseAmounts BOOL', () => {
    const item = toItem('file_maps', buildFileMap({ accountId: ID, description: 'd' }), USER);
    expect(typesOf(item)).toEqual({
      fileMapId: 'S', userId: 'S', name: 'S', mappings: 'L', accountId: 'S', description: 'S', reverseAmounts: 'BOOL', createdAt: 'N', updatedAt: 'N',
    });
    const [mapping] = (item.mappings as { L: { M: Item }[] }).L;
    expect(typesOf(mapping.M)).toEqual({ sourceField: 'S', targetField: 'S', transformation: 'S' });
  });

  it('TransactionFile: openingBalance is S but closingBalance is N; dateRange a map of N', () => {
    const item = toItem('transaction_files', buildTransactionFile({
      accountId: ID, fileMapId: ID, errorMessage: 'e', openingBalance: '100.00', closingBalance: '-20.50',
    }), USER);
    expect(typesOf(item)).toEqual({
      fileId: 'S', userId: 'S', fileName: 'S', uploadDate: 'N', fileSize: 'N', s3Key: 'S', processingStatus: 'S', processedDate: 'N', fileFormat: 'S',
      accountId: 'S', fileMapId: 'S', recordCount: 'N', dateRange: 'M', errorMessage: 'S', openingBalance: 'S', closingBalance: 'N', currency: 'S',
      duplicateCount: 'N', transactionCount: 'N', createdAt: 'N', updatedAt: 'N',
    });
    expect(item.openingBalance).toEqual({ S: '100.00' });
    expect(item.closingBalance).toEqual({ N: '-20.50' });
    expect(typesOf((item.dateRange as { M: Item }).M)).toEqual({ startDate: 'N', endDate: 'N' });
  });

  it('Analytics: pk/sk derived for the user; data a map whose numbers are N with their exact text; ttl N', () => {
    const perAccount = toItem('analytics', buildAnalytics({ accountId: ID, timePeriod: '2024-Q4', ttl: 1_800_000_000 }), USER);
    expect(typesOf(perAccount)).toEqual({
      pk: 'S', sk: 'S', analyticType: 'S', userId: 'S', timePeriod: 'S', accountId: 'S', data: 'M', computedDate: 'S', dataThroughDate: 'S', ttl: 'N',
    });
    expect(perAccount.pk).toEqual({ S: `${USER}#cash_flow` });
    expect(perAccount.sk).toEqual({ S: `2024-Q4#${ID}` });

    const data = { total: new JsonNumber('-4100.00'), big: new JsonNumber('18446744073709551615'), list: [new JsonNumber('1E+3'), 'x', true, null], nested: { n: new JsonNumber('0.0000001') } };
    const overall = toItem('analytics', buildAnalytics({ data }), USER);
    expect(overall.sk).toEqual({ S: 'overall#ALL' });
    expect(overall).not.toHaveProperty('accountId');
    expect(overall.data).toEqual({
      M: {
        total: { N: '-4100.00' },
        big: { N: '18446744073709551615' },
        list: { L: [{ N: '1E+3' }, { S: 'x' }, { BOOL: true }, { NULL: true }] },
        nested: { M: { n: { N: '0.0000001' } } },
      },
    });
  });

  it('leaves unset optional fields out (never NULL) and adds nothing HouseF3 lacks', () => {
    const item = toItem('accounts', buildAccount({ institution: undefined, balance: undefined, currency: undefined }), USER);
    expect(Object.keys(item).sort()).toEqual(['accountId', 'accountName', 'accountType', 'createdAt', 'isActive', 'updatedAt', 'userId']);
    expect(JSON.stringify(item)).not.toContain('NULL');
  });
});
