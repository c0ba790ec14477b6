// Gapless document numbers: a counter row per tenant, series and period, incremented in the
// issuing transaction. The row stays locked until that transaction ends, so numbers are handed
// out one at a time, and a rollback hands its number back (a PostgreSQL sequence would not).
import type { Tx } from "@/lib/db";
import { formatDocumentNumber } from "./calc/document-number";
import { toLocal } from "./calc/local-time";

export type DocumentSeries = "INV" | "CN" | "RCT";

/** The counter's period: numbering restarts each year or month when the pattern shows it. */
export function counterPeriod(pattern: string, at: Date, timeZone: string): string {
  const local = toLocal(at, timeZone);
  if (pattern.includes("{MM}")) return `${local.year}-${String(local.month).padStart(2, "0")}`;
  if (pattern.includes("{YYYY}") || pattern.includes("{YY}")) return String(local.year);
  return "";
}

export async function nextDocumentNumber(tx: Tx, tenantId: string, series: DocumentSeries, pattern: string, at: Date, timeZone: string): Promise<string> {
  const period = counterPeriod(pattern, at, timeZone);
  const rows = await tx.$queryRaw<{ last_value: bigint }[]>`
    INSERT INTO document_counters (tenant_id, series, period, last_value) VALUES (${tenantId}::uuid, ${series}, ${period}, 1)
    ON CONFLICT (tenant_id, series, period) DO UPDATE SET last_value = document_counters.last_value + 1
    RETURNING last_value`;
  return formatDocumentNumber(pattern, { seq: rows[0]!.last_value, issuedAt: at, timeZone });
}
