import { parseBenchArgs } from './bench-args';

describe('parseBenchArgs', () => {
  it('defaults to 10k and 100k, both jobs, status 200/s for 30 s', () => {
    expect(parseBenchArgs([])).toMatchObject({ sizes: [10000, 100000], files: 12, statusRate: 200, statusSeconds: 30, build: true, jobs: { export: true, import: true } });
  });

  it('reads sizes, the million, the import limit and the status-only mode', () => {
    expect(parseBenchArgs(['--sizes', '30000', '--million', '--import-max', '30000', '--no-build'])).toMatchObject({ sizes: [30000, 1000000], importMax: 30000, build: false });
    expect(parseBenchArgs(['--million', '--fenced-floor-max', '100000'])).toMatchObject({ sizes: [10000, 100000, 1000000], fencedFloorMax: 100000, exportRuns: 3 });
    expect(parseBenchArgs(['--export-runs', '5'])).toMatchObject({ exportRuns: 5 });
    expect(parseBenchArgs(['--export-runs', '0'])).toEqual({ error: expect.stringMatching(/--export-runs must be an integer of at least 1/) });
    expect(parseBenchArgs(['--status-of', 'bench-10000-12/0b9f6c1e-8d7a-4e2b-9c3d-1a2b3c4d5e6f'])).toMatchObject({ sizes: [], statusOf: { user: 'bench-10000-12', exportId: '0b9f6c1e-8d7a-4e2b-9c3d-1a2b3c4d5e6f' } });
  });

  it.each([
    [['--sizes', '10k'], /--sizes/],
    [['--files', '0'], /--files must be an integer of at least 1/],
    [['--status-rate'], /needs a value/],
    [['--jobs', 'backup'], /--jobs/],
    [['--status-of', 'nobody'], /USER\/EXPORT_ID/],
    [['--fast'], /unknown argument --fast/],
  ])('refuses %j', (argv, message) => {
    const parsed = parseBenchArgs(argv);
    expect('error' in parsed && parsed.error).toMatch(message);
  });
});
