import type { Context } from 'hono';

interface Bindings {
  /** @hono/node-server (npm start). */
  incoming?: { socket?: { remoteAddress?: string } };
  /** hono/aws-lambda (HTTP API payload v2). */
  event?: { requestContext?: { http?: { sourceIp?: string } } };
}

/**
 * The client's address, used only hashed (rate limits). Behind CloudFront the connection comes
 * from CloudFront, so the configured header (`cloudfront-viewer-address`, "ip:port") is trusted
 * instead; it is only configured where CloudFront sets it.
 */
export function clientAddress(c: Context, trustedHeader: string | undefined): string | undefined {
  if (trustedHeader) {
    const value = c.req.header(trustedHeader)?.trim();
    // "203.0.113.9:443" or "2001:db8::1:443": the port is after the last colon.
    if (value) return value.includes(':') ? value.slice(0, value.lastIndexOf(':')) : value;
    // Absent (a direct call to the origin): fall back to the connection, never to one shared bucket.
  }
  const env = (c.env ?? {}) as Bindings;
  return env.incoming?.socket?.remoteAddress ?? env.event?.requestContext?.http?.sourceIp;
}
