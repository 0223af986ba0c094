import { PartTransport, PutFn, ResumableUpload } from './resumable-upload';
import { UploadAborted } from './upload';

/** Storage that holds parts, a connection that can break after N parts. */
function fakeStorage(partSize: number) {
  const stored = new Map<number, string>();
  const sentBodies: number[] = [];
  let completed: Array<{ partNumber: number; etag: string }> | undefined;
  let breakAfter = Infinity;
  const transport: PartTransport = {
    partSize,
    uploadedParts: async () => [...stored].map(([partNumber, etag]) => ({ partNumber, etag })),
    partTarget: async (n) => ({ url: `https://s3.example/part/${n}`, headers: {} }),
    complete: async (parts) => void (completed = parts),
  };
  const put: PutFn = async (url, _h, body, onProgress, signal) => {
    if (stored.size >= breakAfter || signal.aborted) throw new UploadAborted();
    onProgress(body.size);
    const n = Number(url.split('/').pop());
    sentBodies.push(n);
    stored.set(n, `"etag-${n}"`);
    return `"etag-${n}"`;
  };
  return { transport, put, stored, sentBodies, completed: () => completed, breakAfter: (n: number) => (breakAfter = n) };
}

describe('ResumableUpload', () => {
  it('sends every part once, in order, then completes with their ETags', async () => {
    const storage = fakeStorage(4);
    const progress: number[] = [];
    await new ResumableUpload(new Blob([new Uint8Array(10)]), storage.transport, (p) => progress.push(p.sent), storage.put).run();
    expect(storage.sentBodies).toEqual([1, 2, 3]);
    expect(storage.completed()).toEqual([1, 2, 3].map((n) => ({ partNumber: n, etag: `"etag-${n}"` })));
    expect(progress.at(-1)).toBe(10);
  });

  it('after a broken connection, resumes from the parts the storage lists', async () => {
    const storage = fakeStorage(4);
    storage.breakAfter(2);
    const file = new Blob([new Uint8Array(10)]);
    const progress: number[] = [];
    await expect(new ResumableUpload(file, storage.transport, (p) => progress.push(p.sent), storage.put).run()).rejects.toBeInstanceOf(UploadAborted);
    expect(storage.completed()).toBeUndefined();
    storage.breakAfter(Infinity);
    progress.length = 0;
    await new ResumableUpload(file, storage.transport, (p) => progress.push(p.sent), storage.put).run();
    expect(storage.sentBodies).toEqual([1, 2, 3]);
    expect(progress[0]).toBe(8);
    expect(storage.completed()).toHaveLength(3);
  });

  it('a pause while a part\'s URL is being asked for sends nothing more', async () => {
    const storage = fakeStorage(4);
    let release!: () => void;
    const asked = new Promise<void>((r) => (release = r));
    const transport: PartTransport = { ...storage.transport, partTarget: async (n) => (n === 2 ? asked.then(() => storage.transport.partTarget(n)) : storage.transport.partTarget(n)) };
    // a put that ignores an already-aborted signal, as an XMLHttpRequest would
    const put = vi.fn<PutFn>(async (url, headers, body, onProgress) => storage.put(url, headers, body, onProgress, new AbortController().signal));
    const upload = new ResumableUpload(new Blob([new Uint8Array(10)]), transport, () => undefined, put);
    const running = upload.run();
    await vi.waitFor(() => expect(put).toHaveBeenCalledTimes(1));
    upload.pause();
    release();
    await expect(running).rejects.toBeInstanceOf(UploadAborted);
    expect(put).toHaveBeenCalledTimes(1);
    expect(storage.sentBodies).toEqual([1]);
  });
});
