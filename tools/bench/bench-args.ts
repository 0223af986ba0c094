export interface BenchArgs {
  sizes: number[];
  files: number;
  segments: number;
  floorConcurrency: number;
  statusRate: number;
  statusSeconds: number;
  build: boolean;
  reseed: boolean;
  writeDoc: boolean;
  cpuProfileDir?: string;
  /** Imports only sizes up to this many transactions (a slow machine: the import of the larger ones by hand). */
  importMax: number;
  /** Runs the fenced import floor only for sizes up to this many transactions (it takes about as long as the import). */
  fencedFloorMax: number;
  /** The export and its floor run this many times each, alternating; the pair with the median ratio is reported. */
  exportRuns: number;
  /** Only the status load, on this user's completed export (`user/exportId`), no sizes. */
  statusOf?: { user: string; exportId: string };
  /** Which jobs run (both by default). */
  jobs: { export: boolean; import: boolean };
  /** Another checkout whose compiled services (its dist/, built there) are measured instead of this one's. */
  servicesRoot?: string;
}

export const BENCH_USAGE = `npm run bench -- [--sizes 10000,100000] [--million] [--files 12] [--segments 4] [--floor-concurrency 16]
                 [--status-rate 200] [--status-seconds 30] [--no-build] [--reseed] [--no-doc] [--cpu-prof DIR] [--jobs export,import] [--import-max N] [--fenced-floor-max N]
                 [--export-runs 3]  (the export and its floor, alternating; the pair with the median ratio is reported)
                 [--status-of USER/EXPORT_ID]  (only the status load, on that completed export)
                 [--services-root DIR]  (measure another checkout's build, e.g. an older commit)`;

/** The bench's command line; numbers must be positive integers (0 allowed for --status-seconds). */
export function parseBenchArgs(argv: string[]): BenchArgs | { error: string } {
  const args: BenchArgs = { sizes: [10000, 100000], files: 12, segments: 4, floorConcurrency: 16, statusRate: 200, statusSeconds: 30, build: true, reseed: false, writeDoc: true, importMax: Number.MAX_SAFE_INTEGER, fencedFloorMax: Number.MAX_SAFE_INTEGER, exportRuns: 3, jobs: { export: true, import: true } };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const int = (min: number) => {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) < min) throw new Error(`${flag} must be an integer of at least ${min}, not ${v}`);
      return Number(v);
    };
    try {
      switch (flag) {
        case '--sizes': {
          const v = value().split(',');
          if (v.some((x) => !/^[1-9]\d*$/.test(x))) return { error: `--sizes must be positive integers separated by commas` };
          args.sizes = v.map(Number);
          break;
        }
        case '--million': args.sizes = [...args.sizes.filter((x) => x !== 1_000_000), 1_000_000]; break;
        case '--files': args.files = int(1); break;
        case '--segments': args.segments = int(1); break;
        case '--floor-concurrency': args.floorConcurrency = int(1); break;
        case '--status-rate': args.statusRate = int(1); break;
        case '--status-seconds': args.statusSeconds = int(0); break;
        case '--no-build': args.build = false; break;
        case '--reseed': args.reseed = true; break;
        case '--no-doc': args.writeDoc = false; break;
        case '--cpu-prof': args.cpuProfileDir = value(); break;
        case '--import-max': args.importMax = int(1); break;
        case '--fenced-floor-max': args.fencedFloorMax = int(1); break;
        case '--export-runs': args.exportRuns = int(1); break;
        case '--status-of': {
          const m = /^([^/]+)\/([0-9a-f-]{36})$/.exec(value());
          if (!m) return { error: '--status-of takes USER/EXPORT_ID' };
          args.statusOf = { user: m[1], exportId: m[2] };
          args.sizes = [];
          break;
        }
        case '--services-root': args.servicesRoot = value(); break;
        case '--jobs': {
          const v = value().split(',');
          if (v.some((x) => x !== 'export' && x !== 'import')) return { error: '--jobs takes export, import or both' };
          args.jobs = { export: v.includes('export'), import: v.includes('import') };
          break;
        }
        default: return { error: `unknown argument ${flag}` };
      }
    } catch (e) {
      return { error: (e as Error).message };
    }
  }
  return args;
}
