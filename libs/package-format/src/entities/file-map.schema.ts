import { userId } from './common-fields';
import { boolean, text, timestampMs, uuid } from './field-kinds';
import { ObjectSpec, list, object, optional, required, withDefault } from './object-spec';

/** One column mapping of a file map. */
export interface FieldMapping {
  sourceField: string;
  targetField: string;
  transformation?: string;
}

/** A field mapping configuration for parsing transaction files (HouseF3 `file-maps` table). */
export interface FileMap {
  fileMapId: string;
  /** Source owner as found in the package, if any; import always replaces it. */
  userId?: string;
  name: string;
  /** At least one mapping. */
  mappings: FieldMapping[];
  accountId?: string;
  description?: string;
  /** Defaults to false when absent, as in HouseF3 (older file maps predate the field). */
  reverseAmounts: boolean;
  createdAt: number;
  updatedAt: number;
}

export const FIELD_MAPPING_SPEC: ObjectSpec<FieldMapping> = {
  typeName: 'FieldMapping',
  fields: {
    sourceField: required(text({ minLength: 1 })),
    targetField: required(text({ minLength: 1 })),
    transformation: optional(text()),
  },
};

export const FILE_MAP_SPEC: ObjectSpec<FileMap> = {
  typeName: 'FileMap',
  fields: {
    fileMapId: required(uuid()),
    userId: optional(userId()),
    name: required(text({ minLength: 1, maxLength: 255 })),
    mappings: required(list(object(FIELD_MAPPING_SPEC), { minItems: 1 })),
    accountId: optional(uuid()),
    description: optional(text({ maxLength: 1000 })),
    reverseAmounts: withDefault(boolean(), false),
    createdAt: required(timestampMs()),
    updatedAt: required(timestampMs()),
  },
};
