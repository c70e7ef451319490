import 'server-only';
import { inArray, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { FacilityScope } from '@/lib/facility-scope';

/**
 * The SQL condition "this facility column is one of the scope's facilities":
 * undefined for 'all' (no condition). Callers return an empty result without
 * querying when the scope is empty (see isEmptyScope).
 */
export function facilityCondition(column: SQLiteColumn, scope: FacilityScope): SQL | undefined {
  return scope === 'all' ? undefined : inArray(column, [...scope]);
}
