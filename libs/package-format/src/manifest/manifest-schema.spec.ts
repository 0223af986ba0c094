import { PackageError } from '../errors';
import { JsonNumber } from '../json/json-number';
import type { JsonObject, JsonValue } from '../json/json-value';
import { DEFAULT_PACKAGE_LIMITS } from '../limits';
import { parseManifest } from './manifest-schema';
import { normalizeChecksumKeys } from './checksum';

const SHA = `sha256:${'ab'.repeat(32)}`;

/** The design document's example manifest, as the JSON reader returns it (numbers exact). */
function designExample(): JsonObject {
  return {
    export_format_version: '1.0',
    export_timestamp: '2024-01-15T10:30:00Z',
    user_id: 'user_12345',
    housef3_version: '2.5.0',
    data_summary: {
      accounts_count: new JsonNumber('5'),
      transactions_count: new JsonNumber('2847'),
      categories_count: new JsonNumber('45'),
      file_maps_count: new JsonNumber('3'),
      transaction_files_count: new JsonNumber('12'),
      analytics_included: false,
    },
    checksums: { 'accounts.json': SHA, 'transactions.json': SHA, 'categories.json': SHA.toUpperCase().replace('SHA256', 'sha256') },
    compatibility: { minimum_version: '2.0.0', supported_versions: ['2.0.0', '2.5.0'] },
  };
}

function v11(): JsonObject {
  return {
    ...designExample(),
    export_format_version: '1.1',
    record_counts: Object.fromEntries(['accounts', 'transactions', 'categories', 'file_maps', 'transaction_files', 'analytics'].map((e) => [e, new JsonNumber('0')])),
    entries: [{ path: 'data/accounts.json', size: new JsonNumber('12'), checksum: SHA }],
    missing_files: [{ file_id: 'f', file_name: 'a.csv', reason: 'archived' }],
  };
}

function error(raw: JsonValue, limits = DEFAULT_PACKAGE_LIMITS): PackageError {
  try {
    parseManifest(raw, limits);
  } catch (e) {
    expect(e).toBeInstanceOf(PackageError);
    return e as PackageError;
  }
  throw new Error('expected the manifest to be refused');
}

describe('parseManifest', () => {
  it('accepts the design document example exactly (format 1.0), counts as numbers, hex lower-cased', () => {
    const { declared, warnings } = parseManifest(designExample(), DEFAULT_PACKAGE_LIMITS);
    expect(warnings).toEqual([]);
    expect(declared.minor).toBe(0);
    expect(declared.manifest.data_summary.transactions_count).toBe(2847);
    expect(declared.manifest.checksums['categories.json']).toBe(SHA);
  });

  it('accepts a 1.1 manifest with record_counts, entries and missing_files', () => {
    const { declared } = parseManifest(v11(), DEFAULT_PACKAGE_LIMITS);
    expect(declared.minor).toBe(1);
    if (declared.minor === 1) {
      expect(declared.manifest.entries).toEqual([{ path: 'data/accounts.json', size: 12, checksum: SHA }]);
      expect(declared.manifest.missing_files).toHaveLength(1);
    }
  });

  it('refuses a newer major version naming both versions, whatever the rest of the manifest', () => {
    const e = error({ export_format_version: '2.0', something: 'else' });
    expect(e.code).toBe('UNSUPPORTED_VERSION');
    expect(e.message).toBe('package format 2.0 is newer than this system reads (1.2); upgrade HouseF3 backup before importing it');
  });

  it('refuses major 0 and malformed versions', () => {
    expect(error({ ...designExample(), export_format_version: '0.9' }).code).toBe('UNSUPPORTED_VERSION');
    for (const version of ['1', '1.0.0', 'v1.0', '01.0', new JsonNumber('1.0')]) {
      expect(error({ ...designExample(), export_format_version: version }).message).toMatch(/export_format_version must be a version string/);
    }
  });

  it('reads a newer minor (1.3) as 1.2, warning about the fields it does not know', () => {
    const { declared, warnings } = parseManifest({ ...v11(), export_format_version: '1.3', signature: 'x', data_summary: { ...(designExample()['data_summary'] as JsonObject), budgets_count: new JsonNumber('1') } }, DEFAULT_PACKAGE_LIMITS);
    expect(declared.version).toEqual({ major: 1, minor: 3 });
    expect(warnings.map((w) => w.message)).toEqual([
      'manifest field signature is not known to this version and was ignored',
      'manifest field data_summary.budgets_count is not known to this version and was ignored',
    ]);
  });

  it('refuses unknown fields in a version it fully knows, and 1.1 fields in a 1.0 manifest', () => {
    expect(error({ ...designExample(), extra: true }).message).toMatch(/extra is not a field of the manifest schema/);
    expect(error({ ...v11(), export_format_version: '1.0' }).message).toMatch(/record_counts is not a field of the manifest schema/);
  });

  it('collects every schema problem in one message', () => {
    const raw = designExample();
    delete raw['user_id'];
    raw['export_timestamp'] = 'yesterday';
    (raw['checksums'] as JsonObject)['accounts.json'] = 'md5:abc';
    (raw['data_summary'] as JsonObject)['accounts_count'] = new JsonNumber('-1');
    const e = error(raw);
    expect(e.code).toBe('MANIFEST_INVALID');
    expect(e.message).toMatch(/user_id is missing/);
    expect(e.message).toMatch(/export_timestamp must be an ISO 8601 date-time/);
    expect(e.message).toMatch(/checksums\["accounts\.json"\] must be "sha256:" followed by 64 hex digits/);
    expect(e.message).toMatch(/data_summary\.accounts_count must be a non-negative integer, got the number -1/);
  });

  it('refuses counts above maxRecordsPerEntity before anything is read', () => {
    const raw = designExample();
    (raw['data_summary'] as JsonObject)['transactions_count'] = new JsonNumber('50000001');
    expect(error(raw).code).toBe('LIMIT_RECORD_COUNT');
  });

  it('refuses a manifest that is not an object', () => {
    expect(error([]).message).toMatch(/must be a JSON object/);
  });
});

describe('normalizeChecksumKeys', () => {
  it('turns bare data file names into entry paths and keeps full paths', () => {
    expect(normalizeChecksumKeys({ 'accounts.json': SHA, 'files/x/a.csv': SHA, 'data/categories.json': SHA })).toEqual({
      'data/accounts.json': SHA,
      'files/x/a.csv': SHA,
      'data/categories.json': SHA,
    });
  });

  it('refuses two keys for one entry', () => {
    expect(() => normalizeChecksumKeys({ 'accounts.json': SHA, 'data/accounts.json': SHA })).toThrow(/two checksums for data\/accounts\.json/);
  });

  it('leaves bare names that are not entity files alone (they match no entry and are reported)', () => {
    expect(normalizeChecksumKeys({ 'statement.csv': SHA })).toEqual({ 'statement.csv': SHA });
  });
});
