/**
 * Export-only decoration that HouseF3's own backups (".fzip") add to records. Pass it as
 * `ignoreFields` when validating such a backup: these are dropped silently; anything else
 * unknown still follows the unknown-field policy.
 */
export const LEGACY_FZIP_DECORATION_FIELDS: readonly string[] = Object.freeze([
  'exportMetadata',
  'computedFields',
  'hierarchyInfo',
  'categoryAssignments',
  'dateFormatted',
  'uploadDateFormatted',
  'processedDateFormatted',
  'fileStatusInfo',
  'validationInfo',
]);
