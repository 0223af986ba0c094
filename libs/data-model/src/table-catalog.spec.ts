import { ALL_TABLES, ENTITY_TABLES, JOB_TABLES, tableNames } from './table-catalog';

describe('table catalogue', () => {
  it('names tables `${project}-${env}-<suffix>`', () => {
    expect(tableNames('housef3-dev').transactions).toBe('housef3-dev-transactions');
    expect(tableNames('housef3-prod').fileMaps).toBe('housef3-prod-file-maps');
  });

  it('has every HouseF3 table of the data model plus the two job tables', () => {
    expect(Object.values(ENTITY_TABLES).map((t) => t.suffix).sort()).toEqual([
      'accounts', 'analytics-data', 'analytics-status', 'categories', 'file-maps', 'pattern-feedback',
      'recurring-charge-patterns', 'recurring-charge-predictions', 'transaction-files', 'transactions', 'user-preferences',
    ]);
    expect(JOB_TABLES.exportJobs.indexes[0]).toEqual({ name: 'UserIdIndex', hash: { name: 'userId', type: 'S' }, range: { name: 'requestedAt', type: 'N' } });
    expect(JOB_TABLES.importJobs.indexes[0].range).toEqual({ name: 'uploadedAt', type: 'N' });
  });

  it('has our security tables: the audit trail by user (TTL) and the per-user limits', () => {
    expect(tableNames('housef3-dev').auditLog).toBe('housef3-dev-audit-log');
    expect(ALL_TABLES.auditLog).toMatchObject({ hash: { name: 'userId', type: 'S' }, range: { name: 'eventKey', type: 'S' }, ttlAttribute: 'ttl' });
    expect(ALL_TABLES.userLimits).toMatchObject({ suffix: 'user-limits', ttlAttribute: 'ttl' });
  });

  it('keys transactionHash as a number (it is an unsigned 64-bit integer)', () => {
    const idx = ENTITY_TABLES.transactions.indexes.find((i) => i.name === 'TransactionHashIndex');
    expect(idx?.range).toEqual({ name: 'transactionHash', type: 'N' });
  });

  it('never gives one attribute two key types within a table', () => {
    for (const table of Object.values(ALL_TABLES)) {
      const types = new Map<string, string>();
      const keys = [table.hash, ...('range' in table && table.range ? [table.range] : []), ...table.indexes.flatMap((i) => [i.hash, ...(i.range ? [i.range] : [])])];
      for (const k of keys) {
        expect(types.get(k.name) ?? k.type).toBe(k.type);
        types.set(k.name, k.type);
      }
    }
  });
});
