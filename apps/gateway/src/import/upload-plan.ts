import { MAX_PART_BYTES, MAX_PARTS, MIN_PART_BYTES } from './import.dto';

export interface PartPlan {
  partSize: number;
  partCount: number;
}

const MiB = 1024 * 1024;

/**
 * How a package of `size` bytes is cut into parts: the requested (or default) part size, raised to
 * whole MiB when the package would need more than S3's 10,000 parts. Pure.
 */
export function planParts(size: number, requestedPartSize: number): PartPlan {
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError('size must be a positive whole number of bytes');
  const atLeast = Math.ceil(size / MAX_PARTS / MiB) * MiB;
  const partSize = Math.min(MAX_PART_BYTES, Math.max(MIN_PART_BYTES, requestedPartSize, atLeast));
  return { partSize, partCount: Math.ceil(size / partSize) };
}

/** Bytes of part `partNumber` (1-based): partSize for all but the last. */
export function partLength(size: number, plan: PartPlan, partNumber: number): number {
  return partNumber < plan.partCount ? plan.partSize : size - plan.partSize * (plan.partCount - 1);
}

/** Part numbers 1..partCount that are not uploaded with their exact length. */
export function missingParts(size: number, plan: PartPlan, uploaded: ReadonlyArray<{ partNumber: number; size: number }>): number[] {
  const ok = new Set(uploaded.filter((p) => p.partNumber >= 1 && p.partNumber <= plan.partCount && p.size === partLength(size, plan, p.partNumber)).map((p) => p.partNumber));
  const missing: number[] = [];
  for (let n = 1; n <= plan.partCount; n += 1) if (!ok.has(n)) missing.push(n);
  return missing;
}
