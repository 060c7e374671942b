import { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';
import type { HealthProbe } from './probe.ts';

/** `GET /api/health`: 200 when DynamoDB answers, 503 otherwise. Used by the local start-up and alarms. */
export function healthRoutes(probe: HealthProbe) {
  return new Hono<AppEnv>().get('/', async (c) => {
    c.header('Cache-Control', 'no-store');
    const ok = await probe.ping();
    return ok ? c.json({ status: 'ok' }, 200) : c.json({ status: 'unavailable' }, 503);
  });
}
