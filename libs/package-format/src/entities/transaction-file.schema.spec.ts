import { JsonNumber } from '../json/json-number';
import { buildTransactionFile, toPackageJson } from '../testing';
import { FILE_FORMATS, PROCESSING_STATUSES } from './enums';
import { validateRecord } from './validate-record';

type Raw = Record<string, unknown>;
const raw = (overrides: Raw = {}): Raw => ({ ...(toPackageJson(buildTransactionFile()) as Raw), ...overrides });
const validate = (overrides: Raw) => validateRecord('transaction_files', raw(overrides));
const codes = (overrides: Raw) => validate(overrides).issues.map((i) => [i.field, i.code]);

describe('TransactionFile schema', () => {
  it('validates a built file, nested dateRange included', () => {
    const file = buildTransactionFile({ openingBalance: '-0.00', closingBalance: '1E+3', errorMessage: 'x' });
    expect(validateRecord('transaction_files', toPackageJson(file))).toEqual({ record: file, issues: [] });
  });

  it.each(FILE_FORMATS)('accepts fileFormat %s', (fileFormat) => {
    expect(validate({ fileFormat }).record?.fileFormat).toBe(fileFormat);
  });

  it.each(PROCESSING_STATUSES)('accepts processingStatus %s', (processingStatus) => {
    expect(validate({ processingStatus }).record?.processingStatus).toBe(processingStatus);
  });

  it('refuses unknown formats and statuses', () => {
    expect(codes({ fileFormat: 'CSV', processingStatus: 'done' })).toEqual([
      ['processingStatus', 'not_allowed_value'],
      ['fileFormat', 'not_allowed_value'],
    ]);
  });

  it.each(['relevé (juin) ✓.ofx', 'a', 'f'.repeat(255), '..hidden', 'x..y'])('accepts file name %j', (fileName) => {
    expect(validate({ fileName }).issues).toEqual([]);
  });

  it.each([
    ['../../etc/passwd', 'bad_format'],
    ['a/b.csv', 'bad_format'],
    ['a\\b.csv', 'bad_format'],
    ['..', 'bad_format'],
    ['.', 'bad_format'],
    ['tab\there', 'bad_format'],
    ['nul\u0000', 'bad_format'],
    ['', 'too_short'],
    ['f'.repeat(256), 'too_long'],
  ])('refuses file name %j', (fileName, code) => {
    expect(codes({ fileName })).toEqual([['fileName', code]]);
  });

  it('bounds s3Key to 1..1024 UTF-8 bytes', () => {
    expect(validate({ s3Key: 'k'.repeat(1024) }).issues).toEqual([]);
    expect(codes({ s3Key: 'é'.repeat(513) })).toEqual([['s3Key', 'too_long']]);
    expect(codes({ s3Key: '' })).toEqual([['s3Key', 'too_short']]);
  });

  it('checks counts and sizes as whole numbers >= 0', () => {
    expect(validate({ fileSize: new JsonNumber('0') }).record?.fileSize).toBe(0);
    expect(codes({ fileSize: new JsonNumber('-1'), recordCount: new JsonNumber('1.5'), duplicateCount: '3', transactionCount: new JsonNumber('9007199254740992') })).toEqual([
      ['fileSize', 'out_of_range'],
      ['recordCount', 'wrong_type'],
      ['duplicateCount', 'wrong_type'],
      ['transactionCount', 'out_of_range'],
    ]);
  });

  it('reports nested dateRange errors with paths', () => {
    expect(codes({ dateRange: { startDate: new JsonNumber('1'), end: new JsonNumber('2') } })).toEqual([
      ['dateRange.endDate', 'missing'],
      ['dateRange.end', 'unknown_field'],
    ]);
    expect(codes({ dateRange: [] })).toEqual([['dateRange', 'not_an_object']]);
  });

  it('requires fileFormat (as the data model says)', () => {
    const { fileFormat: _, ...rest } = raw();
    expect(validateRecord('transaction_files', rest).issues.map((i) => i.field)).toEqual(['fileFormat']);
  });
});
