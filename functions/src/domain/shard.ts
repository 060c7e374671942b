/**
 * A stable shard in `0 .. shards - 1` for a key (FNV-1a over its characters): uniform for keys that
 * are random or an HMAC. Spreads one logical list or counter over several partition keys, so a
 * burst of writes never concentrates on one DynamoDB partition (1,000 writes per second each).
 */
export function shardOf(key: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shards;
}
