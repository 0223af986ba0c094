import { clusterId } from './kafka.server';

describe('clusterId', () => {
  it('is 22 characters of url-safe base64, never starting with "-" (kafka-storage would read it as an option)', () => {
    const ids = Array.from({ length: 20_000 }, clusterId);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
