import { compareDecimalStrings } from '../decimal/decimal-string';
import { userId } from './common-fields';
import {
  CATEGORY_TYPES,
  CategoryType,
  RULE_CONDITIONS,
  RULE_FIELDS_TO_MATCH,
  RULE_INHERITANCE_MODES,
  RuleCondition,
  RuleFieldToMatch,
  RuleInheritanceMode,
} from './enums';
import { boolean, decimal, enumOf, integer, ruleId, text, timestampMs, uuid } from './field-kinds';
import { ObjectSpec, list, object, optional, required, withDefault } from './object-spec';

/** A categorization rule, stored inside its category. */
export interface CategoryRule {
  /** "rule_" + 8 lower-case hex digits. */
  ruleId: string;
  fieldToMatch: RuleFieldToMatch;
  condition: RuleCondition;
  value: string;
  caseSensitive: boolean;
  /** Whole number 0-100. */
  priority: number;
  enabled: boolean;
  /** Whole number 0-100. */
  confidence: number;
  /** Decimal string >= 0 (stored as S). */
  amountMin?: string;
  /** Decimal string >= 0 (stored as S). */
  amountMax?: string;
  allowMultipleMatches: boolean;
  autoSuggest: boolean;
}

/** A category (HouseF3 `categories` table); the hierarchy is parentCategoryId, up to any depth. */
export interface Category {
  categoryId: string;
  /** Source owner as found in the package, if any; import always replaces it. */
  userId?: string;
  name: string;
  type: CategoryType;
  parentCategoryId?: string;
  icon?: string;
  color?: string;
  /** Defaults to true when absent, as in HouseF3. */
  inheritParentRules: boolean;
  ruleInheritanceMode: RuleInheritanceMode;
  rules: CategoryRule[];
  createdAt: number;
  updatedAt: number;
}

export const CATEGORY_RULE_SPEC: ObjectSpec<CategoryRule> = {
  typeName: 'CategoryRule',
  fields: {
    ruleId: required(ruleId()),
    fieldToMatch: required(enumOf(RULE_FIELDS_TO_MATCH)),
    condition: required(enumOf(RULE_CONDITIONS)),
    value: required(text()),
    caseSensitive: required(boolean()),
    priority: required(integer(0, 100)),
    enabled: required(boolean()),
    confidence: required(integer(0, 100)),
    amountMin: optional(decimal({ nonNegative: true })),
    amountMax: optional(decimal({ nonNegative: true })),
    allowMultipleMatches: required(boolean()),
    autoSuggest: required(boolean()),
  },
  check(rule, at) {
    if (rule.amountMin !== undefined && rule.amountMax !== undefined && compareDecimalStrings(rule.amountMin, rule.amountMax) > 0) {
      at.field('amountMin').warning('inconsistent', `(${rule.amountMin}) is greater than amountMax (${rule.amountMax}); the rule can never match an amount`);
    }
  },
};

export const CATEGORY_SPEC: ObjectSpec<Category> = {
  typeName: 'Category',
  fields: {
    categoryId: required(uuid()),
    userId: optional(userId()),
    // A GSI sort key (UserIdIndex): DynamoDB refuses an empty string there.
    name: required(text({ minLength: 1 })),
    type: required(enumOf(CATEGORY_TYPES)),
    parentCategoryId: optional(uuid()),
    icon: optional(text()),
    color: optional(text()),
    inheritParentRules: withDefault(boolean(), true),
    ruleInheritanceMode: required(enumOf(RULE_INHERITANCE_MODES)),
    rules: required(list(object(CATEGORY_RULE_SPEC))),
    createdAt: required(timestampMs()),
    updatedAt: required(timestampMs()),
  },
  check(category, at) {
    if (category.parentCategoryId !== undefined && category.parentCategoryId === category.categoryId) {
      at.field('parentCategoryId').error('inconsistent', 'is the category itself; allowed: another category (no cycles)');
    }
  },
};
