import type { PackageReader } from '@housef3/package-format';
import type { ImportIssue, ImportIssueCode } from '../import-issue';
import type { ImportValidationOptions } from '../import-options';
import type { ExistingRecords } from '../ownership';
import { validateImport, type ImportValidationReport } from '../validate-import';
import { InMemoryExistingRecords } from './existing-records.fake';

export const IMPORTER = 'importer-user';

export const DEFAULT_OPTIONS: ImportValidationOptions = { userId: IMPORTER, mergeStrategy: 'fail_on_conflict', remapIds: false, overwriteExisting: false };

/** validateImport with test defaults; closes the reader. */
export async function validate(reader: PackageReader, existing: ExistingRecords = new InMemoryExistingRecords(), options: Partial<ImportValidationOptions> = {}): Promise<ImportValidationReport> {
  try {
    return await validateImport(reader, existing, { ...DEFAULT_OPTIONS, ...options });
  } finally {
    await reader.close();
  }
}

/** The listed issues of one code. */
export function issuesOf(report: ImportValidationReport, code: ImportIssueCode): ImportIssue[] {
  return report.issues.filter((issue) => issue.code === code);
}
