import { parseFileJournal } from './file-journal';
import { classifyRestoreError } from './restore-errors';
import { PackageError } from '@housef3/package-format';
import { PermanentError, TransientError } from '@housef3/platform';

describe('parseFileJournal', () => {
  const journal = {
    version: 1, importId: 'i', userId: 'u', chunk: 0, startedAt: '2026-01-01T00:00:00.000Z',
    files: [{ fileId: 'f', targetKey: 'u/f/a.csv', sha256: 'sha256:00', size: 1, prior: null }, { fileId: 'g', targetKey: 'u/g/b.csv', sha256: 'sha256:00', size: 2, prior: { backupKey: 'k', size: 3 } }],
  };

  it('reads back what was written', () => {
    expect(parseFileJournal(JSON.stringify(journal), 'j')).toEqual(journal);
  });

  it.each([
    ['not JSON', '{'],
    ['another version', JSON.stringify({ ...journal, version: 2 })],
    ['a malformed file', JSON.stringify({ ...journal, files: [{ fileId: 'f' }] })],
    ['a malformed prior', JSON.stringify({ ...journal, files: [{ ...journal.files[0], prior: { size: 1 } }] })],
  ])('refuses %s as FILE_JOURNAL_CORRUPT', (_name, text) => {
    expect(() => parseFileJournal(text, 'j')).toThrow(expect.objectContaining({ code: 'FILE_JOURNAL_CORRUPT' }));
  });
});

describe('classifyRestoreError', () => {
  it('keeps package problems permanent with their code', () => {
    const e = classifyRestoreError(new PackageError('CHECKSUM_MISMATCH', 'bad'));
    expect(e).toBeInstanceOf(PermanentError);
    expect(e).toMatchObject({ code: 'CHECKSUM_MISMATCH', message: 'bad' });
  });

  it('retries throttling, 5xx, dropped connections (also wrapped), and objects that changed underneath', () => {
    const wrapped = new Error('could not read s3://b/k', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) });
    for (const e of [{ name: 'SlowDown' }, { $metadata: { httpStatusCode: 503 } }, wrapped, { $metadata: { httpStatusCode: 412 } }, { name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } }]) {
      expect(classifyRestoreError(e)).toBeInstanceOf(TransientError);
    }
  });

  it('anything else is a permanent FILE_RESTORE_FAILED', () => {
    expect(classifyRestoreError(Object.assign(new Error('denied'), { $metadata: { httpStatusCode: 403 } }))).toMatchObject({ code: 'FILE_RESTORE_FAILED', message: 'denied' });
  });
});
