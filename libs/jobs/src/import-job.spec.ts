import { cancelEffect, FINAL_IMPORT_STATUSES, IMPORT_STATUSES } from './import-job';

describe('import cancel in every status', () => {
  it.each([
    ['awaiting_upload', 'end_cancelled'], ['validation_passed', 'end_cancelled'], ['validation_failed', 'end_cancelled'],
    ['validating', 'ask_worker'], ['processing', 'ask_worker'],
    ['compensating', 'too_late'], ['completed', 'too_late'], ['failed', 'too_late'], ['cancelled', 'too_late'], ['compensation_failed', 'too_late'],
  ] as const)('%s -> %s', (status, expected) => {
    expect(cancelEffect(status)).toBe(expected);
  });

  it('covers every status', () => {
    expect(IMPORT_STATUSES.map(cancelEffect).length).toBe(IMPORT_STATUSES.length);
    expect(FINAL_IMPORT_STATUSES).toContain('compensation_failed');
  });
});
