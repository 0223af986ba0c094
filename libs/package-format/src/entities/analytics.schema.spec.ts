import { JsonNumber } from '../json/json-number';
import { buildAnalytics, toPackageJson } from '../testing';
import { entityIdOf } from './entity-id';
import { ANALYTIC_TYPES } from './enums';
import { validateRecord } from './validate-record';

type Raw = Record<string, unknown>;
const raw = (overrides: Raw = {}): Raw => ({ ...(toPackageJson(buildAnalytics()) as Raw), ...overrides });
const validate = (overrides: Raw) => validateRecord('analytics', raw(overrides));
const codes = (overrides: Raw) => validate(overrides).issues.map((i) => [i.field, i.code]);

describe('AnalyticsRecord schema', () => {
  it.each(ANALYTIC_TYPES)('accepts analyticType %s', (analyticType) => {
    expect(validate({ analyticType }).record?.analyticType).toBe(analyticType);
  });

  it('keeps data losslessly: the same JsonNumber instances, key order and nesting', () => {
    const big = new JsonNumber('18446744073709551616123');
    const data = { z: big, a: [new JsonNumber('1.50'), { deep: null }], s: 'Café', t: true };
    const result = validate({ data });
    expect(result.issues).toEqual([]);
    expect(result.record?.data).toBe(data);
    expect((result.record?.data.z as JsonNumber).text).toBe('18446744073709551616123');
  });

  it('refuses data DynamoDB could not store', () => {
    let deep: Raw = { leaf: 1 };
    for (let i = 0; i < 40; i += 1) deep = { deep };
    expect(codes({ data: deep })[0]).toEqual(['data' + '.deep'.repeat(32), 'out_of_range']);
    expect(codes({ data: { '': 1 } })).toEqual([['data', 'bad_format']]);
    expect(codes({ data: { n: new JsonNumber('1e400') } })).toEqual([['data.n', 'out_of_range']]);
    expect(codes({ data: { n: Number.NaN } })).toEqual([['data.n', 'out_of_range']]);
    expect(codes({ data: { s: 'x\udc00' } })).toEqual([['data.s', 'bad_format']]);
    expect(codes({ data: [] })).toEqual([['data', 'not_an_object']]);
    expect(codes({ data: { f: () => 1 } })).toEqual([['data.f', 'wrong_type']]);
  });

  it.each(['overall', '2024', '2024-12', '2024-Q4', '2024-W05', '2024-12-31'])('accepts timePeriod %s', (timePeriod) => {
    expect(validate({ timePeriod }).issues).toEqual([]);
  });

  it.each(['', 'Overall', '2024-13', '2024-Q5', '24', '2024#ALL', '2024-W54'])('refuses timePeriod %j', (timePeriod) => {
    expect(codes({ timePeriod })).toEqual([['timePeriod', 'bad_format']]);
  });

  it.each(['2024-12-31T23:59:59', '2024-12-31T23:59:59.123456+00:00', '2024-12-31T23:59:59.123Z', '2024-02-29T00:00:00-05:00'])('accepts computedDate %s', (computedDate) => {
    expect(validate({ computedDate }).issues).toEqual([]);
  });

  it.each(['2024-12-31', '2023-02-29T00:00:00', '2024-12-31 23:59:59', '2024-12-31T24:00:00', 'yesterday'])('refuses computedDate %j', (computedDate) => {
    expect(codes({ computedDate })).toEqual([['computedDate', 'bad_format']]);
  });

  it('checks dataThroughDate as an ISO date, optional', () => {
    expect(codes({ dataThroughDate: '2024-02-30' })).toEqual([['dataThroughDate', 'bad_format']]);
    const { dataThroughDate: _, ...rest } = raw();
    expect(validateRecord('analytics', rest).issues).toEqual([]);
  });

  it('checks ttl as epoch seconds', () => {
    expect(validate({ ttl: new JsonNumber('1767225600') }).record?.ttl).toBe(1767225600);
    expect(codes({ ttl: new JsonNumber('-1') })).toEqual([['ttl', 'out_of_range']]);
  });

  it('identifies analytics by type, period and account', () => {
    const all = validate({}).record;
    expect(all && entityIdOf('analytics', all)).toBe('cash_flow#overall#ALL');
    const one = validate({ accountId: '4fdbd757-53b4-4a58-a2d4-551c2419149a', timePeriod: '2024-Q4' }).record;
    expect(one && entityIdOf('analytics', one)).toBe('cash_flow#2024-Q4#4fdbd757-53b4-4a58-a2d4-551c2419149a');
    expect(validate({ analyticType: 'bogus' }).issues[0].message).toContain('analytics.analyticType (key bogus#overall#ALL)');
  });
});
