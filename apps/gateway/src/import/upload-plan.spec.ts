import { missingParts, partLength, planParts } from './upload-plan';

const MiB = 1024 * 1024;

describe('planParts', () => {
  it('cuts a package into parts of the requested size, the last one shorter', () => {
    const plan = planParts(12 * MiB + 5, 5 * MiB);
    expect(plan).toEqual({ partSize: 5 * MiB, partCount: 3 });
    expect([1, 2, 3].map((n) => partLength(12 * MiB + 5, plan, n))).toEqual([5 * MiB, 5 * MiB, 2 * MiB + 5]);
  });

  it('never goes under S3\'s 5 MiB, nor over 10,000 parts (the part size grows in whole MiB)', () => {
    expect(planParts(100, 1)).toEqual({ partSize: 5 * MiB, partCount: 1 });
    const huge = 50_000 * MiB + 1;
    const plan = planParts(huge, 5 * MiB);
    expect(plan.partCount).toBeLessThanOrEqual(10_000);
    expect(plan.partSize % MiB).toBe(0);
    expect(plan.partSize * plan.partCount).toBeGreaterThanOrEqual(huge);
  });

  it('refuses a size that is not a positive whole number', () => {
    expect(() => planParts(0, 5 * MiB)).toThrow(RangeError);
    expect(() => planParts(1.5, 5 * MiB)).toThrow(RangeError);
  });
});

describe('missingParts', () => {
  const size = 12 * MiB;
  const plan = planParts(size, 5 * MiB);
  it('lists parts not uploaded, or uploaded with another length', () => {
    expect(missingParts(size, plan, [])).toEqual([1, 2, 3]);
    expect(missingParts(size, plan, [{ partNumber: 1, size: 5 * MiB }, { partNumber: 3, size: 2 * MiB }])).toEqual([2]);
    expect(missingParts(size, plan, [{ partNumber: 1, size: 5 * MiB - 1 }, { partNumber: 2, size: 5 * MiB }, { partNumber: 3, size: 2 * MiB }])).toEqual([1]);
    expect(missingParts(size, plan, [{ partNumber: 1, size: 5 * MiB }, { partNumber: 2, size: 5 * MiB }, { partNumber: 3, size: 2 * MiB }, { partNumber: 4, size: 1 }])).toEqual([]);
  });
});
