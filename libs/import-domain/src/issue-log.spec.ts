import type { ImportIssue, ImportIssueCode } from './import-issue';
import { IssueLog } from './issue-log';

const issue = (code: ImportIssueCode, severity: 'error' | 'warning', n: number): ImportIssue => ({ entity: 'transactions', field: '', message: `${code} ${n}`, severity, code });

describe('IssueLog', () => {
  it('lists errors first, round-robin across codes, each severity in the order found, and counts everything', () => {
    const log = new IssueLog(4);
    for (let n = 0; n < 10; n += 1) log.add(issue('RECORD_HASH_MISMATCH', 'warning', n));
    for (let n = 0; n < 10; n += 1) log.add(issue('CONFLICT', 'error', n));
    log.add(issue('DANGLING_REFERENCE', 'error', 0));
    expect(log.list().map((i) => i.message)).toEqual(['CONFLICT 0', 'CONFLICT 1', 'CONFLICT 2', 'DANGLING_REFERENCE 0']);
    expect(log.errorCount).toBe(11);
    expect(log.warningCount).toBe(10);
    expect(log.countsByCode()).toEqual({ RECORD_HASH_MISMATCH: 10, CONFLICT: 10, DANGLING_REFERENCE: 1 });
  });

  it('fills the rest of the list with warnings', () => {
    const log = new IssueLog(3);
    log.add(issue('UNKNOWN_RULE', 'warning', 0));
    log.add(issue('CONFLICT', 'error', 0));
    log.add(issue('UNKNOWN_RULE', 'warning', 1));
    log.add(issue('FILE_MISSING_DECLARED', 'warning', 0));
    expect(log.list().map((i) => i.message)).toEqual(['CONFLICT 0', 'UNKNOWN_RULE 0', 'FILE_MISSING_DECLARED 0']);
  });

  it('lists nothing with a cap of 0 but still counts', () => {
    const log = new IssueLog(0);
    log.add(issue('CONFLICT', 'error', 0));
    expect(log.list()).toEqual([]);
    expect(log.errorCount).toBe(1);
  });
});

describe('IssueLog sink', () => {
  it('receives every issue in the order found, however many the list keeps', () => {
    const seen: string[] = [];
    const log = new IssueLog(1, (i) => seen.push(i.message));
    for (let n = 0; n < 5; n += 1) log.add(issue('CONFLICT', 'error', n));
    log.add(issue('UNKNOWN_RULE', 'warning', 0));
    expect(log.list()).toHaveLength(1);
    expect(seen).toEqual(['CONFLICT 0', 'CONFLICT 1', 'CONFLICT 2', 'CONFLICT 3', 'CONFLICT 4', 'UNKNOWN_RULE 0']);
  });
});
