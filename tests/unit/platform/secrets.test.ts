import type { GetSecretValueCommand} from '@aws-sdk/client-secrets-manager';
import { type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { keyedHash, parseSigningSecret } from '../../../functions/src/platform/secrets/key-ring.ts';
import { secretsManagerKeyRing } from '../../../functions/src/platform/secrets/secrets-manager-key-ring.ts';

/** A Secrets Manager client that answers from a list and counts its calls (no network). */
function fakeClient(answers: (string | Error)[]) {
  const calls: string[] = [];
  const client = {
    send: async (command: GetSecretValueCommand) => {
      calls.push(command.input.SecretId!);
      const answer = answers[Math.min(calls.length - 1, answers.length - 1)]!;
      if (answer instanceof Error) throw answer;
      return { SecretString: answer };
    },
  } as unknown as SecretsManagerClient;
  return { client, calls };
}

const secret = (current: string, previous?: string) => JSON.stringify({ current, ...(previous ? { previous } : {}) });

describe('the signing key', () => {
  it('parses the secret and refuses one that is short, missing or not JSON', () => {
    const keys = parseSigningSecret(secret('c'.repeat(48), 'p'.repeat(48)));
    expect(keys.current.toString()).toBe('c'.repeat(48));
    expect(keys.previous?.toString()).toBe('p'.repeat(48));
    expect(() => parseSigningSecret('not json')).toThrow(/not JSON/);
    expect(() => parseSigningSecret(secret('short'))).toThrow(/at least 32/);
    expect(() => parseSigningSecret('{}')).toThrow(/current/);
  });

  it('is read from Secrets Manager once per cold start, not on every request', async () => {
    const { client, calls } = fakeClient([secret('k'.repeat(48))]);
    const ring = secretsManagerKeyRing({ secretId: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:signing', region: 'us-east-1', client });
    const hashes = await Promise.all([1, 2, 3].map(() => keyedHash(ring, 'rate', 'bucket')));
    expect(new Set(hashes).size).toBe(1);
    expect(calls).toHaveLength(1);
  });

  it('fails loudly when the first read fails, and tries again on the next request', async () => {
    const denied = Object.assign(new Error('denied'), { name: 'AccessDeniedException' });
    const { client, calls } = fakeClient([denied, secret('k'.repeat(48))]);
    const ring = secretsManagerKeyRing({ secretId: 'signing', region: 'us-east-1', client });
    await expect(ring.keys()).rejects.toThrow('denied');
    expect((await ring.keys()).current.toString()).toBe('k'.repeat(48));
    expect(calls).toHaveLength(2);
  });
});
