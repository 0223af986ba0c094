import { Progress, putBlob, UploadAborted } from './upload';

/** The gateway's multipart upload of one import, as the uploader needs it. */
export interface PartTransport {
  /** bytes per part (the last one may be shorter) */
  readonly partSize: number;
  /** parts the storage already holds (after a pause or a broken connection) */
  uploadedParts(): Promise<Array<{ partNumber: number; etag: string }>>;
  partTarget(partNumber: number): Promise<{ url: string; headers: Record<string, string> }>;
  complete(parts: Array<{ partNumber: number; etag: string }>): Promise<void>;
}

export type PutFn = typeof putBlob;

/**
 * Uploads a file in parts, one at a time. `pause()` stops the part in flight; `run()` again
 * asks the storage which parts it already has and sends only the others, so a broken
 * connection costs at most one part.
 */
export class ResumableUpload {
  private controller?: AbortController;

  constructor(private readonly file: Blob, private readonly transport: PartTransport, private readonly onProgress: (p: Progress) => void, private readonly put: PutFn = putBlob) {}

  get partCount(): number {
    return Math.max(1, Math.ceil(this.file.size / this.transport.partSize));
  }

  private partBlob(partNumber: number): Blob {
    const start = (partNumber - 1) * this.transport.partSize;
    return this.file.slice(start, Math.min(this.file.size, start + this.transport.partSize));
  }

  /** Resolves when the upload is complete; rejects with UploadAborted on pause. */
  async run(): Promise<void> {
    const controller = (this.controller = new AbortController());
    const done = new Map((await this.transport.uploadedParts()).map((p) => [p.partNumber, p.etag]));
    let sent = [...done.keys()].reduce((n, k) => n + this.partBlob(k).size, 0);
    this.onProgress({ sent, total: this.file.size });
    for (let partNumber = 1; partNumber <= this.partCount; partNumber++) {
      if (done.has(partNumber)) continue;
      if (controller.signal.aborted) throw new UploadAborted();
      const blob = this.partBlob(partNumber);
      const target = await this.transport.partTarget(partNumber);
      // paused while the part's URL was being asked for: do not start sending it
      if (controller.signal.aborted) throw new UploadAborted();
      const etag = await this.put(target.url, target.headers, blob, (loaded) => this.onProgress({ sent: sent + loaded, total: this.file.size }), controller.signal);
      done.set(partNumber, etag ?? '');
      sent += blob.size;
      this.onProgress({ sent, total: this.file.size });
    }
    await this.transport.complete([...done].map(([partNumber, etag]) => ({ partNumber, etag })).sort((a, b) => a.partNumber - b.partNumber));
  }

  pause(): void {
    this.controller?.abort();
  }
}
