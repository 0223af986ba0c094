import { userId } from './common-fields';
import { CURRENCIES, Currency, FILE_FORMATS, FileFormat, PROCESSING_STATUSES, ProcessingStatus } from './enums';
import { decimal, enumOf, integer, text, timestampMs, uuid } from './field-kinds';
import { ObjectSpec, object, optional, required } from './object-spec';

/** First and last transaction dates of a file (epoch ms). */
export interface DateRange {
  startDate: number;
  endDate: number;
}

/** An uploaded transaction file's metadata (HouseF3 `transaction-files` table). */
export interface TransactionFile {
  fileId: string;
  /** Source owner as found in the package, if any; import always replaces it. */
  userId?: string;
  /** The original file name; its bytes travel as `files/{fileId}/{fileName}`. */
  fileName: string;
  uploadDate: number;
  fileSize: number;
  /** `{userId}/{fileId}/{fileName}` in the source deployment; import rewrites it for the restoring user. */
  s3Key: string;
  processingStatus: ProcessingStatus;
  processedDate?: number;
  fileFormat: FileFormat;
  accountId?: string;
  fileMapId?: string;
  recordCount?: number;
  dateRange?: DateRange;
  errorMessage?: string;
  /** Decimal string; stored as S. */
  openingBalance?: string;
  /** Decimal string; stored as N. */
  closingBalance?: string;
  currency?: Currency;
  duplicateCount?: number;
  transactionCount?: number;
  createdAt: number;
  updatedAt: number;
}

/** Longest file name accepted (the usual file-system limit). */
export const FILE_NAME_MAX_LENGTH = 255;
/** S3 keys are at most 1024 UTF-8 bytes. */
export const S3_KEY_MAX_BYTES = 1024;

// File names end up in S3 keys and package entry names: no path syntax, no control characters.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

function fileNameProblem(name: string): string | undefined {
  if (name === '.' || name === '..') return 'is a path segment, not a file name';
  if (name.includes('/') || name.includes('\\')) return 'contains a path separator';
  if (CONTROL_CHARACTER.test(name)) return 'contains a control character';
  return undefined;
}

export const DATE_RANGE_SPEC: ObjectSpec<DateRange> = {
  typeName: 'DateRange',
  fields: {
    startDate: required(timestampMs()),
    endDate: required(timestampMs()),
  },
};

const COUNT = integer(0, Number.MAX_SAFE_INTEGER);

export const TRANSACTION_FILE_SPEC: ObjectSpec<TransactionFile> = {
  typeName: 'TransactionFile',
  fields: {
    fileId: required(uuid()),
    userId: optional(userId()),
    fileName: required(
      text({ minLength: 1, maxLength: FILE_NAME_MAX_LENGTH, refine: fileNameProblem, allowed: 'a file name without "/", "\\" or control characters' }),
    ),
    uploadDate: required(timestampMs()),
    fileSize: required(COUNT),
    // A GSI key (S3KeyIndex): never empty.
    s3Key: required(text({ minLength: 1, maxBytes: S3_KEY_MAX_BYTES })),
    processingStatus: required(enumOf(PROCESSING_STATUSES)),
    processedDate: optional(timestampMs()),
    fileFormat: required(enumOf(FILE_FORMATS)),
    accountId: optional(uuid()),
    fileMapId: optional(uuid()),
    recordCount: optional(COUNT),
    dateRange: optional(object(DATE_RANGE_SPEC)),
    errorMessage: optional(text()),
    openingBalance: optional(decimal()),
    closingBalance: optional(decimal()),
    currency: optional(enumOf(CURRENCIES)),
    duplicateCount: optional(COUNT),
    transactionCount: optional(COUNT),
    createdAt: required(timestampMs()),
    updatedAt: required(timestampMs()),
  },
};
