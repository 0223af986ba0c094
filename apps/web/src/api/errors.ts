import { ApiError, NetworkError } from './http';

/** What went wrong and what the person can do about it, never a bare code. */
export interface Explained {
  what: string;
  next: string;
}

export function explain(error: unknown, doing: string): Explained {
  if (error instanceof NetworkError) {
    return { what: `We could not reach the backup service while ${doing}.`, next: 'Check your connection and try again; nothing was changed.' };
  }
  if (error instanceof ApiError) {
    const reason = error.message;
    switch (error.status) {
      case 400:
        return { what: `The request was refused while ${doing}: ${reason}.`, next: 'Correct the highlighted choice and try again.' };
      case 401:
        return { what: 'Your session has ended.', next: 'Sign in again; your backups are safe.' };
      case 403:
        return { what: `You are not allowed to do this: ${reason}.`, next: 'Sign in with the account that owns this backup.' };
      case 404:
        return { what: `This item no longer exists (${reason}).`, next: 'Refresh the list; it may have been deleted or expired.' };
      case 409:
        return { what: `This cannot be done right now: ${reason}.`, next: 'Wait for the current step to finish, or start a new one.' };
      case 410:
        return { what: `This backup has expired: ${reason}.`, next: 'Create a new backup to download your data again.' };
      case 413:
        return { what: `The file is too large: ${reason}.`, next: 'Choose a smaller backup, or split it into selective exports.' };
      default:
        if (error.status >= 500) return { what: `The service had a problem while ${doing} (${reason}).`, next: 'Try again in a minute; if it keeps happening, contact support with the time shown.' };
        return { what: `Something went wrong while ${doing}: ${reason}.`, next: 'Try again.' };
    }
  }
  return { what: `Something went wrong while ${doing}: ${(error as Error)?.message ?? String(error)}.`, next: 'Try again; if it keeps happening, reload the page.' };
}

/** Failure codes of jobs (export/import status `errorCode`) in plain words with a next step. */
const JOB_CODES: Record<string, string> = {
  CANCELLED: 'You cancelled it; anything already written was rolled back.',
  VALIDATION_FAILED: 'Fix the issues listed in the report, or restore from another backup.',
  QUEUE_UNAVAILABLE: 'The service was busy; start it again.',
  PACKAGE_TOO_LARGE: 'Choose a smaller backup file.',
  CONFLICT: 'Choose "keep what I have" or "import as a copy" and start again.',
};

export function nextStepForJob(errorCode: string | undefined): string {
  return (errorCode && JOB_CODES[errorCode]) ?? 'Try again; if it fails again, download the report and contact support with it.';
}
