import { userId } from './common-fields';
import { timestampMs } from './field-kinds';
import { PackageJsonObject, jsonObject } from './json-value';
import { ObjectSpec, optional, required } from './object-spec';

/**
 * The user's preferences (HouseF3 `user-preferences` table, keyed by userId: one record per
 * user). `preferences` is HouseF3's free map (transfers, including the transfer-detection scan
 * window checkedDateRangeStart/End, ui, transactions, ...), kept losslessly.
 */
export interface UserPreferences {
  /** Source owner as found in the package, if any; import always replaces it. */
  userId?: string;
  preferences: PackageJsonObject;
  createdAt: number;
  updatedAt: number;
}

export const USER_PREFERENCES_SPEC: ObjectSpec<UserPreferences> = {
  typeName: 'UserPreferences',
  fields: {
    userId: optional(userId()),
    preferences: required(jsonObject()),
    createdAt: required(timestampMs()),
    updatedAt: required(timestampMs()),
  },
};
