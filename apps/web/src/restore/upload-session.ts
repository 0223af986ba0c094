import type { BackupApi } from '../api/api';
import { PartTransport, ResumableUpload } from './resumable-upload';
import type { Progress } from './upload';

/** One file being sent for one import, in parts: a pause or a broken connection resumes. */
export interface UploadSession {
  importId: string;
  run(): Promise<void>;
  pause(): void;
}

/** The gateway's multipart upload (POST /import/upload/multipart and its part URLs). */
export function gatewayParts(api: BackupApi, importId: string, partSize: number): PartTransport {
  return {
    partSize,
    uploadedParts: async () => (await api.uploadedParts(importId)).parts.map((p) => ({ partNumber: p.partNumber, etag: p.etag })),
    partTarget: async (partNumber) => {
      const [part] = (await api.partUrls(importId, [partNumber])).parts;
      return { url: part.url, headers: part.headers };
    },
    // the gateway lists the stored parts itself
    complete: async () => void (await api.completeUpload(importId)),
  };
}

export async function openUpload(api: BackupApi, file: File, onProgress: (p: Progress) => void): Promise<UploadSession> {
  const created = await api.createMultipartUpload(file.size);
  const upload = new ResumableUpload(file, gatewayParts(api, created.importId, created.partSize), onProgress);
  return { importId: created.importId, run: () => upload.run(), pause: () => upload.pause() };
}
