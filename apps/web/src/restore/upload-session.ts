import type { BackupApi } from '../api/api';
import { SingleUpload } from './resumable-upload';
import type { Progress } from './upload';

/** One file being sent for one import. */
export interface UploadSession {
  importId: string;
  /** whether a resume continues where it stopped (multipart) or starts the file again */
  resumable: boolean;
  run(): Promise<void>;
  pause(): void;
}

export async function openUpload(api: BackupApi, file: File, onProgress: (p: Progress) => void): Promise<UploadSession> {
  const created = await api.createUpload(file.size);
  const single = new SingleUpload(file, { url: created.uploadUrl, headers: created.uploadHeaders as Record<string, string> }, onProgress);
  return { importId: created.importId, resumable: false, run: () => single.run(), pause: () => single.pause() };
}
