import { readFileSync } from 'node:fs';

/**
 * Where a service's CPU time went, from a V8 .cpuprofile (node --cpu-prof): self time grouped by
 * package or source file, then the hottest functions.
 *   node tools/run-ts.cjs tools/bench/profile-summary.ts <file.cpuprofile> [top] [from-s to-s]
 * (from-s to-s: only the samples between those seconds after the profile started, e.g. one job)
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function summarise(profile: Profile, top = 15, window: [number, number] = [0, Infinity]): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let at = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at >= window[0] * 1e6 && at < window[1] * 1e6) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const groups = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of self) {
    const { callFrame } = byId.get(id)!;
    const group = groupOf(callFrame.url, callFrame.functionName);
    groups.set(group, (groups.get(group) ?? 0) + us);
    const fn = `${callFrame.functionName || '(anonymous)'} ${shortUrl(callFrame.url)}:${callFrame.lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1)}%`.padStart(6);
  const lines = [`${(total / 1e6).toFixed(1)} s of samples (of ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s profiled)`];
  lines.push('by package / file:', ...[...groups].sort((a, b) => b[1] - a[1]).slice(0, top).map(([g, us]) => `${pct(us)}  ${g}`));
  lines.push('hottest functions:', ...[...functions].sort((a, b) => b[1] - a[1]).slice(0, top).map(([f, us]) => `${pct(us)}  ${f}`));
  return lines.join('\n');
}

function groupOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return url;
  const ours = /\/(libs|apps)\/([^/]+)\/.*?\/([^/]+)\.js$/.exec(url);
  return ours ? `${ours[1]}/${ours[2]}: ${ours[3]}` : shortUrl(url);
}

const shortUrl = (url: string) => url.replace(/^file:\/\/.*?\/(dist|node_modules)\//, '$1/');

const [file, top, from, to] = process.argv.slice(2);
console.log(summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(top ?? 15), [Number(from ?? 0), to === undefined ? Infinity : Number(to)]));
