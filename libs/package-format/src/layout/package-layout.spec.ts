import { classifyEntryPath, entryFileName, packageFileName } from './package-layout';
import { checkEntryName } from '../zip/entry-name';

describe('package layout', () => {
  it.each([
    ['manifest.json', { kind: 'manifest' }],
    ['data/transactions.json', { kind: 'data', entity: 'transactions' }],
    ['data/analytics.json', { kind: 'data', entity: 'analytics' }],
    ['data/budgets.json', { kind: 'unknown-data', name: 'budgets' }],
    ['files/0f0f-1/statement june.csv', { kind: 'file', fileId: '0f0f-1', fileName: 'statement june.csv' }],
    ['data/', { kind: 'directory' }],
    ['files/', { kind: 'directory' }],
    ['files/abc/', { kind: 'directory' }],
    ['files/abc', { kind: 'unexpected' }],
    ['files/a/b/c.csv', { kind: 'unexpected' }],
    ['files/a b/c.csv', { kind: 'unexpected' }],
    ['Data/accounts.json', { kind: 'unexpected' }],
    ['data/accounts.JSON', { kind: 'unexpected' }],
    ['manifest.json.bak', { kind: 'unexpected' }],
  ])('classifies %s', (path, kind) => {
    expect(classifyEntryPath(path)).toEqual(kind);
  });

  it('makes original file names safe and deterministic', () => {
    expect(entryFileName('statement june.csv')).toBe('statement june.csv');
    expect(entryFileName('C:\\Users\\me\\stmt:1?.csv')).toBe('C__Users_me_stmt_1_.csv');
    expect(entryFileName('../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(entryFileName('..')).toBe('_..');
    expect(entryFileName('')).toBe('_');
    expect(entryFileName('tab\there\u0000')).toBe('tab_here_');
    expect(Buffer.byteLength(entryFileName('☃'.repeat(300)))).toBeLessThanOrEqual(200);
    expect(entryFileName('été ☃.qif')).toBe('été ☃.qif');
  });

  it('names the package export_[timestamp]_[user_id].zip', () => {
    expect(packageFileName('user_12345', new Date('2024-01-15T10:30:00Z'))).toBe('export_20240115T103000Z_user_12345.zip');
    expect(packageFileName('a/b c', new Date('2024-01-15T10:30:00.250Z'))).toBe('export_20240115T103000Z_a_b_c.zip');
  });
});

describe('checkEntryName', () => {
  const check = (name: string): string | undefined => checkEntryName(name, Buffer.byteLength(name), 1024)?.code;
  it.each([
    ['data/accounts.json', undefined],
    ['files/x/', undefined],
    ['../x', 'ENTRY_NAME_TRAVERSAL'],
    ['data/../../x', 'ENTRY_NAME_TRAVERSAL'],
    ['/etc/passwd', 'ENTRY_NAME_ABSOLUTE'],
    ['//server/share', 'ENTRY_NAME_ABSOLUTE'],
    ['c:/x', 'ENTRY_NAME_ABSOLUTE'],
    ['a\\b', 'ENTRY_NAME_BACKSLASH'],
    ['', 'ENTRY_NAME_INVALID'],
    ['a//b', 'ENTRY_NAME_INVALID'],
    ['a/./b', 'ENTRY_NAME_INVALID'],
    ['a\u0001b', 'ENTRY_NAME_INVALID'],
  ])('%j -> %s', (name, code) => {
    expect(check(name)).toBe(code);
  });

  it('caps the name length', () => {
    expect(checkEntryName('a'.repeat(20), 20, 10)?.message).toMatch(/20 bytes long, more than the limit of 10/);
  });
});
