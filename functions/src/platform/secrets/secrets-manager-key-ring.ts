import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { parseSigningSecret, type KeyRing, type SigningKeys } from './key-ring.ts';

/** A rotation reaches every warm function within this time; cold starts read it at once. */
const REFRESH_MS = 5 * 60_000;

/**
 * The signing key from AWS Secrets Manager (`SIGNING_KEY_SECRET_ARN`), read once per cold start
 * and kept in memory, refreshed after five minutes. A failed refresh keeps the key already held;
 * a failed first read fails the request (503 via the error mapping), never falls back to a weak key.
 */
export function secretsManagerKeyRing(options: { secretId: string; region: string; client?: SecretsManagerClient }): KeyRing {
  const client = options.client ?? new SecretsManagerClient({ region: options.region, maxAttempts: 3 });
  let held: { keys: SigningKeys; at: number } | undefined;
  let loading: Promise<SigningKeys> | undefined;

  async function load(): Promise<SigningKeys> {
    const out = await client.send(new GetSecretValueCommand({ SecretId: options.secretId }));
    if (!out.SecretString) throw new Error('The signing key secret has no string value.');
    const keys = parseSigningSecret(out.SecretString);
    held = { keys, at: Date.now() };
    return keys;
  }

  return {
    async keys() {
      if (held && Date.now() - held.at < REFRESH_MS) return held.keys;
      loading ??= load().finally(() => {
        loading = undefined;
      });
      if (!held) return loading;
      // Refresh in the background; answer with the key already held.
      loading.catch(() => undefined);
      return held.keys;
    },
  };
}
