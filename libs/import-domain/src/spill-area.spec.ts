import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpillArea, sweepOrphanSpillAreas } from './spill-area';

describe('spill folders of killed processes', () => {
  let parent: string;
  beforeEach(() => (parent = mkdtempSync(join(tmpdir(), 'spill-sweep-'))));
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  it("removes the folders of processes that are gone and those named with this process's pid, keeps live ones and anything else", () => {
    const folder = (name: string) => {
      mkdirSync(join(parent, name));
      writeFileSync(join(parent, name, 'transactions-1.run'), 'x');
      return name;
    };
    const gone = folder('housef3-validate-4000001-AbC123');
    const live = folder('housef3-validate-4000002-xyz789');
    const mine = folder(`housef3-validate-${process.pid}-q1w2e3`);
    const other = folder('housef3-validate-notapid');
    const unrelated = folder('something-else');
    const removed = sweepOrphanSpillAreas(parent, (pid) => pid === 4000002 || pid === process.pid);
    expect(removed.sort()).toEqual([gone, mine].sort());
    expect(readdirSync(parent).sort()).toEqual([live, other, unrelated].sort());
  });

  it("names a validation's folder with its pid, so a sweep in another process can tell whose it is", () => {
    const area = new SpillArea(parent);
    area.createFile('transactions');
    expect(area.path).toMatch(new RegExp(`/housef3-validate-${process.pid}-[A-Za-z0-9]{6}$`));
    area.dispose();
    expect(readdirSync(parent)).toEqual([]);
  });

  it('answers nothing for a parent folder that does not exist', () => {
    expect(sweepOrphanSpillAreas(join(parent, 'missing'))).toEqual([]);
    expect(existsSync(parent)).toBe(true);
  });
});
