import type { ManifestV1_0 } from '../manifest/manifest.types';
import { migrateManifest1_0To1_1 } from './migrate-1.0-to-1.1';
import { toCurrentManifest } from './migrations';

const SHA_A = `sha256:${'a'.repeat(64)}`;
const SHA_F = `sha256:${'f'.repeat(64)}`;

const v10: ManifestV1_0 = {
  export_format_version: '1.0',
  export_timestamp: '2024-01-15T10:30:00Z',
  user_id: 'user_12345',
  housef3_version: '2.5.0',
  data_summary: { accounts_count: 5, transactions_count: 2847, categories_count: 45, file_maps_count: 3, transaction_files_count: 12, analytics_included: false },
  checksums: { 'accounts.json': SHA_A, 'files/f1/a.csv': SHA_F },
  compatibility: { minimum_version: '2.0.0', supported_versions: ['2.0.0', '2.5.0'] },
};

const contents = {
  entries: [
    { path: 'data/accounts.json', size: 100 },
    { path: 'data/transactions.json', size: 2000 },
    { path: 'files/f1/a.csv', size: 7 },
  ],
};

describe('migration 1.0 -> 1.1', () => {
  it('derives record_counts from data_summary, analytics undeclared (null)', () => {
    expect(migrateManifest1_0To1_1(v10, contents).record_counts).toEqual({ accounts: 5, transactions: 2847, categories: 45, file_maps: 3, transaction_files: 12, analytics: null,
      user_preferences: 0, recurring_charge_patterns: 0, recurring_charge_predictions: 0, pattern_feedback: 0,
    });
  });

  it('lists the entries with their sizes and declared checksums (empty when none is declared)', () => {
    expect(migrateManifest1_0To1_1(v10, contents).entries).toEqual([
      { path: 'data/accounts.json', size: 100, checksum: SHA_A },
      { path: 'data/transactions.json', size: 2000, checksum: '' },
      { path: 'files/f1/a.csv', size: 7, checksum: SHA_F },
    ]);
  });

  it('rewrites bare checksum keys to entry paths, declares no missing file, keeps every 1.0 field', () => {
    const migrated = migrateManifest1_0To1_1(v10, contents);
    expect(migrated.checksums).toEqual({ 'data/accounts.json': SHA_A, 'files/f1/a.csv': SHA_F });
    expect(migrated.missing_files).toEqual([]);
    expect(migrated.export_format_version).toBe('1.1');
    expect(migrated).toMatchObject({ export_timestamp: v10.export_timestamp, user_id: v10.user_id, housef3_version: v10.housef3_version, data_summary: v10.data_summary, compatibility: v10.compatibility });
  });

  it('does not modify its input', () => {
    const copy = JSON.parse(JSON.stringify(v10)) as ManifestV1_0;
    migrateManifest1_0To1_1(v10, contents);
    expect(v10).toEqual(copy);
  });

  it('is the step toCurrentManifest runs for 1.0, with a FORMAT_MIGRATED warning', () => {
    const { manifest, warnings } = toCurrentManifest({ version: { major: 1, minor: 0 }, minor: 0, manifest: v10 }, contents);
    expect(manifest).toEqual(migrateManifest1_0To1_1(v10, contents));
    expect(warnings).toEqual([{ code: 'FORMAT_MIGRATED', entry: 'manifest.json', message: 'package format 1.0 was read and migrated to 1.2' }]);
  });
});
