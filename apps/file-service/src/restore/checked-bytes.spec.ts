import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { checkedBytes } from './checked-bytes';

const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const drain = async (stream: Readable) => {
  const out: Buffer[] = [];
  for await (const c of stream) out.push(c as Buffer);
  return Buffer.concat(out);
};

describe('checkedBytes', () => {
  const bytes = Buffer.from('date,amount\n2024-01-01,-3.50\n');

  it('passes exactly the expected bytes through and reports their sha256', async () => {
    const checked = checkedBytes('f', { size: bytes.length, sha256: sha(bytes) });
    expect((await drain(Readable.from([bytes.subarray(0, 5), bytes.subarray(5)]).pipe(checked))).equals(bytes)).toBe(true);
    expect(checked.sha256()).toBe(sha(bytes));
  });

  it('accepts an empty file', async () => {
    const checked = checkedBytes('f', { size: 0, sha256: sha(Buffer.alloc(0)) });
    expect((await drain(Readable.from([]).pipe(checked))).length).toBe(0);
  });

  it.each([
    ['more bytes', Buffer.concat([bytes, Buffer.from('x')]), 'SIZE_MISMATCH'],
    ['fewer bytes', bytes.subarray(1), 'SIZE_MISMATCH'],
    ['other bytes', Buffer.from(bytes).fill(65, 0, 1), 'CHECKSUM_MISMATCH'],
  ])('fails the stream on %s', async (_name, given, code) => {
    const checked = checkedBytes('f', { size: bytes.length, sha256: sha(bytes) });
    await expect(drain(Readable.from([given]).pipe(checked))).rejects.toMatchObject({ code });
  });
});
