import { userId } from './common-fields';
import { ACCOUNT_TYPES, AccountType, CURRENCIES, Currency } from './enums';
import { boolean, decimal, enumOf, text, timestampMs, uuid } from './field-kinds';
import { ObjectSpec, optional, required, withDefault } from './object-spec';
import { describeText } from './validation-issue';

/** A financial account (HouseF3 `accounts` table). */
export interface Account {
  accountId: string;
  /** Source owner as found in the package, if any; import always replaces it (see common-fields.ts). */
  userId?: string;
  accountName: string;
  accountType: AccountType;
  institution?: string;
  /** Decimal string; HouseF3 stores it as S. */
  balance?: string;
  /** Required when balance is set. */
  currency?: Currency;
  notes?: string;
  /** Defaults to true when absent, as in HouseF3. */
  isActive: boolean;
  defaultFileMapId?: string;
  firstTransactionDate?: number;
  lastTransactionDate?: number;
  importsStartDate?: number;
  importsEndDate?: number;
  createdAt: number;
  updatedAt: number;
}

export const ACCOUNT_SPEC: ObjectSpec<Account> = {
  typeName: 'Account',
  fields: {
    accountId: required(uuid()),
    userId: optional(userId()),
    accountName: required(text({ minLength: 1, maxLength: 100 })),
    accountType: required(enumOf(ACCOUNT_TYPES)),
    institution: optional(text({ maxLength: 100 })),
    balance: optional(decimal()),
    currency: optional(enumOf(CURRENCIES)),
    notes: optional(text({ maxLength: 1000 })),
    isActive: withDefault(boolean(), true),
    defaultFileMapId: optional(uuid()),
    firstTransactionDate: optional(timestampMs()),
    lastTransactionDate: optional(timestampMs()),
    importsStartDate: optional(timestampMs()),
    importsEndDate: optional(timestampMs()),
    createdAt: required(timestampMs()),
    updatedAt: required(timestampMs()),
  },
  check(account, at, raw) {
    if (account.balance !== undefined && raw.currency == null) {
      at.field('currency').error('inconsistent', `is missing while balance is set (${describeText(account.balance)}); required: the currency of the balance`);
    }
  },
};
