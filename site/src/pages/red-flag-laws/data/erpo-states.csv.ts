import type { APIRoute } from 'astro';
import { erpoCsv } from '../../../lib/erpo-export.ts';
import { getErpoRecords } from '../../../lib/erpo-content.ts';

export const GET: APIRoute = async () => {
  return new Response(erpoCsv(await getErpoRecords()), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
