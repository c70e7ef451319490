import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { sql } from 'drizzle-orm';

// Used by the test harness to know the server is up and its database migrated.
export async function GET() {
  await connection();
  getDb().get(sql`select 1`);
  return Response.json({ ok: true });
}
