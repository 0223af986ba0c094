import { getHeapSpaceStatistics } from 'node:v8';

/**
 * The semi-space this isolate really has, MiB (for tests): short-lived objects are allocated until
 * the new space has grown to its largest (it holds two semi-spaces).
 */
export function grownSemiSpaceMb(): number {
  let garbage: { n: number; s: string }[] = [];
  for (let i = 0; i < 3_000_000; i += 1) {
    garbage.push({ n: i, s: `x${i}` });
    if (garbage.length > 5000) garbage = [];
  }
  const newSpace = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  return (newSpace?.space_size ?? 0) / 2 / (1024 * 1024);
}
