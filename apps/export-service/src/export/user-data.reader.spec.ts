import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { TableNames } from '@housef3/data-model';
import { dateRanges, justBelow, UserDataReader } from './user-data.reader';

describe('dateRanges', () => {
  it('splits [from, to] into consecutive ranges that leave no number out', () => {
    expect(dateRanges(0, 99, 4)).toEqual([
      ['0', justBelow(25)], ['25', justBelow(50)], ['50', justBelow(75)], ['75', '99'],
    ]);
    expect(justBelow(25)).toBe(`24.${'9'.repeat(36)}`);
  });

  it('keeps fractional bounds and never makes an empty or inverted range', () => {
    expect(dateRanges(1.5, 3.25, 4)).toEqual([['1.5', justBelow(2)], ['2', justBelow(3)], ['3', '3.25']]);
    expect(dateRanges(5, 5, 4)).toEqual([['5', '5']]);
    expect(dateRanges(6, 5, 4)).toEqual([]);
    for (const [a, b] of dateRanges(1700000000000, 1735689599999, 7)) expect(Number(a)).toBeLessThanOrEqual(Number(b));
  });

  it('gives the number just below an integer at 38 significant digits, negative ones too', () => {
    expect(justBelow(1700000000000)).toBe(`1699999999999.${'9'.repeat(25)}`);
    expect(justBelow(0)).toBe(`-0.${'0'.repeat(36)}1`);
    expect(justBelow(-5)).toBe(`-5.${'0'.repeat(36)}1`);
  });
});

describe('UserDataReader.rangesFor', () => {
  const reader = (segments: number, pagesAhead: number, maxRanges: number) =>
    new UserDataReader(undefined as unknown as DynamoDBClient, {} as TableNames, { segments, pagesAhead, pageItems: 500, maxRanges });

  it('cuts the transactions into ranges of about pagesAhead pages, never fewer than the ranges read at once', () => {
    expect(reader(4, 4, 4096).rangesFor(100_000)).toBe(50);
    expect(reader(4, 4, 4096).rangesFor(1_000_000)).toBe(500);
    expect(reader(4, 4, 4096).rangesFor(1_000)).toBe(4);
    expect(reader(4, 4, 4096).rangesFor(0)).toBe(4);
  });

  it('never more than maxRanges', () => {
    expect(reader(4, 1, 100).rangesFor(1_000_000)).toBe(100);
  });
});
