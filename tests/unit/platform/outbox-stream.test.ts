import { describe, expect, it } from 'vitest';
import { outboxIdOf, sendAnnounced } from '../../../functions/src/platform/outbox/stream.ts';
import { OUTBOX_STREAM_FILTER } from '../../../functions/src/platform/outbox/stream-filter.ts';

const record = (eventName: string, pk: string, sk = 'OUTBOX') => ({ eventName, dynamodb: { Keys: { pk: { S: pk }, sk: { S: sk } } } });

describe('the outbox reading the table stream', () => {
  it('acts only on a new item under an outbox key', () => {
    expect(outboxIdOf(record('INSERT', 'OUTBOX#5f0c'))).toBe('5f0c');
    expect(outboxIdOf(record('MODIFY', 'OUTBOX#5f0c'))).toBeNull();
    expect(outboxIdOf(record('REMOVE', 'OUTBOX#5f0c'))).toBeNull();
    expect(outboxIdOf(record('INSERT', 'LOCKREQ#lockton#K7QM-3XPD', 'LOCKREQ'))).toBeNull();
    expect(outboxIdOf(record('INSERT', 'OUTBOX#5f0c', 'OTHER'))).toBeNull();
    expect(outboxIdOf(record('INSERT', 'OUTBOX#'))).toBeNull();
    expect(outboxIdOf({ eventName: 'INSERT' })).toBeNull();
  });

  it('asks AWS for exactly the records it acts on (new items, outbox keys)', () => {
    expect(OUTBOX_STREAM_FILTER).toEqual({ eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'OUTBOX#' }] } } } });
  });

  it('sends the announced entry and nothing else', async () => {
    const sent: string[] = [];
    const consume = sendAnnounced({ send: async (id) => (sent.push(id), 'sent') });
    await consume(record('INSERT', 'OUTBOX#a1'));
    await consume(record('MODIFY', 'OUTBOX#a1'));
    await consume(record('INSERT', 'PLEDGE#national#x', 'PLEDGE'));
    expect(sent).toEqual(['a1']);
  });
});
