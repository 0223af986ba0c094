import { join } from 'node:path';
import { runCli } from './run-cli';

const TEST = join(__dirname, '..', '..', 'test');
const GOLDEN = join(TEST, 'golden', 'v1.0-design-example.zip');
const ZIP_SLIP = join(TEST, 'corpus', 'packages', '01-zip-slip.zip');

async function cli(...argv: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const status = await runCli(
    argv,
    (text) => (out += `${text}\n`),
    (text) => (err += `${text}\n`),
  );
  return { status, out, err };
}

describe('package CLI', () => {
  it('verify: exit 0 for a sound package', async () => {
    const { status, out } = await cli('verify', GOLDEN);
    expect(status).toBe(0);
    expect(out).toMatch(/^OK: .*v1\.0-design-example\.zip is a sound HouseF3 backup \(format 1\.0\)/);
  });

  it('verify: exit 1 with the reasons for a hostile package', async () => {
    const { status, out } = await cli('verify', ZIP_SLIP);
    expect(status).toBe(1);
    expect(out).toMatch(/REFUSED: .* \(1 problem\)\n {2}\[ENTRY_NAME_TRAVERSAL\] entry name "\.\.\/\.\.\/\.\.\/\.\.\/tmp\/evil\.sh" contains "\.\."/);
  });

  it('inspect: manifest, counts, entries with sizes and the verdict', async () => {
    const { status, out } = await cli('inspect', GOLDEN);
    expect(status).toBe(0);
    expect(out).toMatch(/format {6}1\.0 \(read as 1\.1\)/);
    expect(out).toMatch(/transactions +5 +5 +0/);
    expect(out).toMatch(/data\/transactions\.json +3544 +\d+ +verified/);
    expect(out).toMatch(/warning \[FORMAT_MIGRATED\]/);
  });

  it('--json prints the report', async () => {
    const { status, out } = await cli('verify', ZIP_SLIP, '--json');
    expect(status).toBe(1);
    const report = JSON.parse(out) as { ok: boolean; problems: { code: string }[] };
    expect(report.ok).toBe(false);
    expect(report.problems[0]?.code).toBe('ENTRY_NAME_TRAVERSAL');
  });

  it('--limit overrides a cap', async () => {
    const { status, out } = await cli('verify', GOLDEN, '--limit', 'maxEntries=3');
    expect(status).toBe(1);
    expect(out).toMatch(/\[LIMIT_ENTRY_COUNT\] .* has 8 entries, more than the limit of 3/);
  });

  it('exit 2 on usage errors and unreadable files', async () => {
    expect((await cli('explode', GOLDEN)).status).toBe(2);
    expect((await cli('verify')).status).toBe(2);
    expect((await cli('verify', GOLDEN, '--limit', 'bogus=1')).err).toMatch(/--limit expects <name>=<integer> with a known cap name/);
    const missing = await cli('verify', join(TEST, 'no-such.zip'));
    expect(missing.status).toBe(2);
    expect(missing.err).toMatch(/cannot read .*no-such\.zip: ENOENT/);
    const help = await cli();
    expect(help.status).toBe(0);
    expect(help.out).toMatch(/usage: npm run package -- <command> <package\.zip>/);
  });
});
