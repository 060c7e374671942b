import type { APIRoute } from 'astro';
import { erpoJson } from '../../../lib/erpo-export.ts';
import { getErpoRecords, latestReview } from '../../../lib/erpo-content.ts';

export const GET: APIRoute = async () => {
  const records = await getErpoRecords();
  return new Response(erpoJson(records, latestReview(records)), { headers: { 'Content-Type': 'application/json' } });
};
