import { buildMessage } from './testing';
import { decodeMessage } from './decode';
import { decodeTolerantly } from './tolerant-reader';

describe('tolerant reader', () => {
  const completed = () => buildMessage('import.completed') as unknown as Record<string, unknown> & { payload: Record<string, unknown> };

  it('reads a public event carrying fields it does not know, which the strict reader refuses', () => {
    const message = completed();
    const newer = { ...message, traceparent: '00-abc', payload: { ...message.payload, restoredAccountIds: ['a'], futureFlag: true } };
    const raw = JSON.stringify(newer);
    expect(decodeMessage(raw)).toMatchObject({ ok: false, reason: 'invalid_envelope' });
    expect(decodeMessage(JSON.stringify({ ...newer, traceparent: undefined }))).toMatchObject({ ok: false, reason: 'invalid_payload' });
    const tolerant = decodeTolerantly(raw);
    expect(tolerant.ok).toBe(true);
    expect(tolerant.ok && tolerant.message.type).toBe('import.completed');
    expect(tolerant.ok && tolerant.message.userId).toBe(message.userId);
  });

  it('still refuses a known field with a wrong value, with the field named', () => {
    const message = completed();
    const raw = JSON.stringify({ ...message, payload: { ...message.payload, analyticsRestored: 'yes', extra: 1 } });
    const result = decodeTolerantly(raw);
    expect(result).toMatchObject({ ok: false, reason: 'invalid_payload' });
    expect(!result.ok && result.detail).toMatch(/analyticsRestored/);
    expect(!result.ok && result.detail).not.toMatch(/extra/);
  });

  it('still refuses a message without a required field', () => {
    const message = completed();
    const { importId: _dropped, ...payload } = message.payload;
    const result = decodeTolerantly(JSON.stringify({ ...message, payload }));
    expect(result).toMatchObject({ ok: false, reason: 'invalid_payload' });
    expect(!result.ok && result.detail).toMatch(/importId/);
  });
});
