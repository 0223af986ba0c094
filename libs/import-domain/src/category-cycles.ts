/**
 * The cycles of a parent relation (child ID -> parent ID), each as its members in parent order
 * starting from the member met first. IDs whose chain ends (a root, or a parent not in the map)
 * are in no cycle; IDs that lead into a cycle without being on it are not reported. O(n).
 */
export function findCycles(parents: ReadonlyMap<string, string>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  for (const start of parents.keys()) {
    if (done.has(start)) continue;
    const onPath = new Map<string, number>();
    const path: string[] = [];
    let current: string | undefined = start;
    while (current !== undefined && !done.has(current) && !onPath.has(current)) {
      onPath.set(current, path.length);
      path.push(current);
      current = parents.get(current);
    }
    if (current !== undefined && onPath.has(current)) cycles.push(path.slice(onPath.get(current)));
    for (const id of path) done.add(id);
  }
  return cycles;
}
