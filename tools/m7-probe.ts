import { deepCategoryCyclePackage } from '@housef3/package-format/testing';
const D = '/work/main/dist/apps/import-service/apps/import-service/src';
const { runIsolated, Transfer } = require(`${D}/isolation/isolated-run.js`);
(async () => {
  const heap = Number(process.argv[2]), depth = Number(process.argv[3]);
  const bytes: Buffer = await deepCategoryCyclePackage(depth);
  const reads = new Map<number, { buf: Buffer }>(); let next = 0; let issues = 0;
  const t = Date.now();
  const r = await runIsolated(`${D}/saga/steps/validation/validation.worker.js`, { job: { userId: 'u', importId: 'i', options: { mergeStrategy: 'fail_on_conflict', remapIds: true, overwriteExisting: false } }, packageSize: bytes.length, packageName: 'p', scratch: '/tmp' }, {
    heapMb: heap, youngMb: 4, shouldStop: () => false, outOfMemoryCode: 'X', what: 'v',
    host: {
      readOpen: ({ start, end }: any) => { reads.set(++next, { buf: bytes.subarray(start, end) }); return next; },
      readNext: (id: number) => { const r = reads.get(id)!; if (r.buf.length === 0) return null; const piece = new Uint8Array(r.buf.subarray(0, 65536)); r.buf = r.buf.subarray(65536); return new Transfer(piece, [piece.buffer]); },
      readClose: () => undefined, owners: async () => new Map(), issues: (b: any[]) => { issues += b.length; },
    },
  }).catch((e: Error) => e.message);
  console.log(heap, depth, Date.now() - t, 'ms', r.errorCount ?? r, issues, r.summary?.categories);
})();
