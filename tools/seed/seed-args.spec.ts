import { parseSeedArgs } from './seed-args';

describe('parseSeedArgs', () => {
  it('reads every option', () => {
    expect(parseSeedArgs(['--user', 'u1', '--transactions', '100000', '--files', '3', '--awkward', '--seed', 'S', '--concurrency', '16'])).toEqual({
      help: false,
      options: { userId: 'u1', transactions: 100000, files: 3, awkward: true, seed: 'S', concurrency: 16 },
    });
  });

  it('leaves defaults to seedUser', () => {
    expect(parseSeedArgs(['--user', 'u1'])).toEqual({
      help: false,
      options: { userId: 'u1', transactions: undefined, files: undefined, awkward: false, seed: undefined, concurrency: undefined },
    });
  });

  it.each([
    [[], '--user is required'],
    [['--user', 'u', '--transactions', '1e3'], '--transactions must be a whole number, got "1e3"'],
    [['--user', 'u', '--nope'], "Unknown option '--nope'"],
  ])('reports %j', (argv, message) => {
    const parsed = parseSeedArgs(argv);
    expect('error' in parsed && parsed.error).toContain(message);
  });

  it('answers --help', () => {
    expect(parseSeedArgs(['--help'])).toEqual({ help: true });
  });
});
