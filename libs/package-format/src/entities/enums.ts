/*
 * Every enum of the HouseF3 data model (as HouseF3 stores them; docs/package-format-entities.md), with
 * the exact spelling HouseF3 stores. Values are case-sensitive.
 */

/** Account and transaction currency. Note the lower-case `other`. */
export const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'JPY', 'AUD', 'CHF', 'CNY', 'other'] as const;
export type Currency = (typeof CURRENCIES)[number];

export const ACCOUNT_TYPES = ['checking', 'savings', 'credit_card', 'investment', 'loan', 'other'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/** Transaction status; `duplicate` transactions are real records and are exported and restored. */
export const TRANSACTION_STATUSES = ['new', 'duplicate'] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

export const CATEGORY_ASSIGNMENT_STATUSES = ['suggested', 'confirmed'] as const;
export type CategoryAssignmentStatus = (typeof CATEGORY_ASSIGNMENT_STATUSES)[number];

export const CATEGORY_TYPES = ['INCOME', 'EXPENSE', 'TRANSFER'] as const;
export type CategoryType = (typeof CATEGORY_TYPES)[number];

export const RULE_INHERITANCE_MODES = ['additive', 'override', 'disabled'] as const;
export type RuleInheritanceMode = (typeof RULE_INHERITANCE_MODES)[number];

export const RULE_FIELDS_TO_MATCH = ['description', 'payee', 'memo', 'amount'] as const;
export type RuleFieldToMatch = (typeof RULE_FIELDS_TO_MATCH)[number];

/**
 * Rule conditions: the eight HouseF3 stores, plus the design document's `amount_range`, which is
 * accepted and kept as stored (never rewritten to amount_between).
 */
export const RULE_CONDITIONS = [
  'contains',
  'starts_with',
  'ends_with',
  'equals',
  'regex',
  'amount_greater',
  'amount_less',
  'amount_between',
  'amount_range',
] as const;
export type RuleCondition = (typeof RULE_CONDITIONS)[number];

export const PROCESSING_STATUSES = ['pending', 'processing', 'processed', 'error', 'needs_mapping'] as const;
export type ProcessingStatus = (typeof PROCESSING_STATUSES)[number];

export const FILE_FORMATS = ['csv', 'ofx', 'qfx', 'qif', 'pdf', 'xlsx', 'other', 'json', 'excel'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

export const ANALYTIC_TYPES = [
  'cash_flow',
  'category_trends',
  'budget_performance',
  'financial_health',
  'credit_utilization',
  'payment_patterns',
  'account_efficiency',
  'merchant_analysis',
  'goal_progress',
  'recommendations',
] as const;
export type AnalyticType = (typeof ANALYTIC_TYPES)[number];

/** How often a recurring charge recurs (HouseF3 RecurrenceFrequency). */
export const RECURRENCE_FREQUENCIES = ['daily', 'weekly', 'bi_weekly', 'semi_monthly', 'monthly', 'bi_monthly', 'quarterly', 'semi_annually', 'annually', 'irregular'] as const;
export type RecurrenceFrequency = (typeof RECURRENCE_FREQUENCIES)[number];

/** When in its period a recurring charge falls (HouseF3 TemporalPatternType). */
export const TEMPORAL_PATTERN_TYPES = [
  'day_of_week', 'day_of_month', 'first_working_day', 'last_working_day', 'first_day_of_month', 'last_day_of_month', 'weekend', 'weekday', 'flexible',
] as const;
export type TemporalPatternType = (typeof TEMPORAL_PATTERN_TYPES)[number];

/** A recurring-charge pattern's lifecycle (HouseF3 PatternStatus). */
export const PATTERN_STATUSES = ['detected', 'confirmed', 'active', 'rejected', 'paused'] as const;
export type PatternStatus = (typeof PATTERN_STATUSES)[number];

/** What the user said about a pattern (HouseF3 PatternFeedback.feedbackType). */
export const PATTERN_FEEDBACK_TYPES = ['correct', 'incorrect', 'missed_transaction', 'false_positive'] as const;
export type PatternFeedbackType = (typeof PATTERN_FEEDBACK_TYPES)[number];
