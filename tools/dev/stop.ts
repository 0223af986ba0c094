import { stopProcess } from '../lib/processes';
import { stackDown } from '../stack/stack';
import { stackConfig } from '../stack/stack-config';
import { SERVICES, serviceProcess } from './services';

/** `npm run stop`: stops the five services and the local stack, and nothing that is not ours. */
async function main() {
  const cfg = stackConfig();
  await Promise.all(SERVICES.map(async (name) => {
    const stopped = await stopProcess(serviceProcess(cfg, name));
    console.log(`[stop] ${name}: ${stopped ? 'stopped' : 'not running'}`);
  }));
  await stackDown(cfg);
}

main().catch((e) => {
  console.error(`[stop] ${(e as Error).message}`);
  process.exit(1);
});
