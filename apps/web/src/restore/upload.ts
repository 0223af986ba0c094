/**
 * Sends a backup file to the presigned URL(s) the gateway hands out, reporting bytes sent.
 * XMLHttpRequest because fetch cannot report upload progress.
 */
export interface Progress {
  sent: number;
  total: number;
}

export class UploadAborted extends Error {
  constructor() {
    super('upload paused');
  }
}

export class UploadFailed extends Error {
  constructor(readonly status: number, detail: string) {
    super(status ? `the storage service answered ${status}${detail ? `: ${detail}` : ''}` : 'the connection broke');
  }
}

/** PUTs one blob; resolves with the ETag header (multipart parts need it). */
export function putBlob(url: string, headers: Record<string, string>, body: Blob, onProgress: (loaded: number) => void, signal: AbortSignal): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    // an AbortSignal that is already aborted never fires its event
    if (signal.aborted) {
      reject(new UploadAborted());
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) {
      // the browser sets these itself
      if (!/^(content-length|host)$/i.test(name)) xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(xhr.getResponseHeader('ETag') ?? undefined);
      else reject(new UploadFailed(xhr.status, /<Message>([^<]*)<\/Message>/.exec(xhr.responseText)?.[1] ?? ''));
    };
    xhr.onerror = () => reject(new UploadFailed(0, ''));
    xhr.onabort = () => reject(new UploadAborted());
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}
