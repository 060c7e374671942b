import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseSigningSecret, staticKeyRing, type KeyRing } from './key-ring.ts';

/**
 * The signing key for `npm start`: a JSON file in the data folder (same format as the AWS
 * secret), made with a fresh random key the first time and readable only by its owner. It lives
 * beside DynamoDB Local's files, never in the table.
 */
export function fileKeyRing(path: string): KeyRing {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify({ current: randomBytes(48).toString('base64url') }, null, 2)}\n`, { mode: 0o600 });
  }
  chmodSync(path, 0o600);
  const { current, previous } = parseSigningSecret(readFileSync(path, 'utf8'));
  return staticKeyRing(current, previous);
}
