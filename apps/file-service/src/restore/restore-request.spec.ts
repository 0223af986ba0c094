import { FileToRestoreV1 } from '@housef3/contracts';
import { checkAgainstPackage, checkRestoreRequest, isTargetKeyOf } from './restore-request';
import { contentTypeOf, fileBackupKey, fileJournalKey } from './restore-layout';

const USER = 'us-east-1:7f3c-user';
const FILE = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const IMPORT = '0b5f2a3e-9c1d-4f7a-8e2b-6d4c3b2a1f00';
const SHA = `sha256:${'ab'.repeat(32)}`;
const file = (overrides: Partial<FileToRestoreV1> = {}): FileToRestoreV1 => ({
  fileId: FILE, entryName: `files/${FILE}/statement.csv`, targetKey: `${USER}/${FILE}/statement.csv`, sha256: SHA, size: 10, ...overrides,
});
const PACKAGE = `imports/${encodeURIComponent(USER)}/${IMPORT}/package.zip`;

describe('checkRestoreRequest', () => {
  it('accepts the user own package and target keys', () => {
    expect(() => checkRestoreRequest(USER, PACKAGE, [file(), file({ fileId: IMPORT, targetKey: `${USER}/${IMPORT}/März €.csv` })])).not.toThrow();
  });

  it('refuses a package outside the user imports', () => {
    for (const key of [`imports/other/${IMPORT}/package.zip`, `exports/${USER}/x.zip`, `imports/${USER}x/${IMPORT}/package.zip`]) {
      expect(() => checkRestoreRequest(USER, key, [file()])).toThrow(expect.objectContaining({ code: 'PACKAGE_KEY_REFUSED' }));
    }
  });

  it('refuses target keys outside {userId}/{fileId}/, naming each', () => {
    const bad = [file({ targetKey: `other/${FILE}/statement.csv` }), file({ targetKey: `${USER}x/${FILE}/a.csv` }), file({ targetKey: `${USER}/${IMPORT}/a.csv` }), file({ targetKey: `${USER}/${FILE}/` })];
    for (const f of bad) {
      expect(() => checkRestoreRequest(USER, PACKAGE, [file({ fileId: IMPORT, targetKey: `${USER}/${IMPORT}/ok.csv` }), f])).toThrow(
        expect.objectContaining({ code: 'TARGET_KEY_REFUSED', message: expect.stringContaining(`${f.fileId} -> ${f.targetKey}`) }),
      );
    }
    expect(isTargetKeyOf('', FILE, `/${FILE}/a`)).toBe(false);
  });

  it('refuses the same file or key twice', () => {
    expect(() => checkRestoreRequest(USER, PACKAGE, [file(), file({ entryName: 'files/x/y' })])).toThrow(expect.objectContaining({ code: 'DUPLICATE_FILE' }));
  });
});

describe('checkAgainstPackage', () => {
  const packaged = [{ path: `files/${FILE}/statement.csv`, size: 10, checksum: SHA }];
  it('accepts entries that are original files with the expected size and checksum', () => {
    expect(() => checkAgainstPackage([file({ sha256: SHA.toUpperCase().replace('SHA256', 'sha256') })], packaged)).not.toThrow();
  });
  it.each([
    [{ entryName: 'data/accounts.json' }, 'ENTRY_MISSING', 'data/accounts.json: not an original file of the package'],
    [{ size: 11 }, 'SIZE_MISMATCH', 'the package holds 10 bytes, the import expects 11'],
    [{ sha256: `sha256:${'cd'.repeat(32)}` }, 'CHECKSUM_MISMATCH', `the package's checksum is ${SHA}`],
  ])('refuses %j with %s', (change, code, message) => {
    expect(() => checkAgainstPackage([file(change)], packaged)).toThrow(expect.objectContaining({ code, message: expect.stringContaining(message) }));
  });
});

describe('restore layout', () => {
  it('keeps journals and backups under the import prefix', () => {
    expect(fileJournalKey('a/b', IMPORT, 3)).toBe(`imports/a%2Fb/${IMPORT}/file-journal/chunk-3.json`);
    expect(fileBackupKey(USER, IMPORT, FILE)).toBe(`imports/${encodeURIComponent(USER)}/${IMPORT}/file-backups/${FILE}`);
  });
  it('derives a content type from the extension', () => {
    expect(contentTypeOf('Kontoauszug März.CSV')).toBe('text/csv');
    expect(contentTypeOf('x.qfx')).toBe('application/x-qfx');
    expect(contentTypeOf('noextension')).toBe('application/octet-stream');
    expect(contentTypeOf('weird.')).toBe('application/octet-stream');
  });
});
