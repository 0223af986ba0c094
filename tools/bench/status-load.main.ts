import { loadGetWarm } from './status-load';

/**
 * The status load in a process of its own: `node tools/run-ts.cjs tools/bench/status-load.main.ts
 * URL RATE SECONDS WARMUP_SECONDS`, the request headers as JSON in STATUS_LOAD_HEADERS; prints the
 * LoadResult as JSON. The bench runs it so that the client measuring latency is a fresh process
 * with nothing else to do (the bench process holds the run's state and its garbage collections
 * would be counted as the server's latency).
 */
async function main(): Promise<void> {
  const [url, rate, seconds, warmup] = process.argv.slice(2);
  const headers = JSON.parse(process.env.STATUS_LOAD_HEADERS ?? '{}') as Record<string, string>;
  const result = await loadGetWarm(url, headers, Number(rate), Number(seconds), Number(warmup));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
