// The settings page's live preview: the number the next document of a series would get with a
// pattern as typed (the pattern's counter period read from the counters, the date today in the
// tenant's zone), or why the pattern cannot number documents. Takes no number.
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { withTenant } from "@/lib/db";
import { formatDocumentNumber, validateNumberPattern } from "../calc/document-number";
import { counterPeriod, type DocumentSeries } from "../numbering";

export type NumberPreview = { ok: true; number: string } | { ok: false; message: string };

export const SERIES_BY_FIELD: Record<string, DocumentSeries> = { invoicePattern: "INV", creditNotePattern: "CN", receiptPattern: "RCT" };

export async function previewDocumentNumber(actor: OperatorActor, series: DocumentSeries, pattern: string, at: Date = new Date()): Promise<NumberPreview> {
  assertCan(actor, "billing:settings");
  if (typeof pattern !== "string" || pattern.includes("\u0000")) return { ok: false, message: "Text may not contain the NUL character (\\0)." };
  const problem = validateNumberPattern(pattern);
  if (problem) return { ok: false, message: problem };
  return withTenant(actor.tenantId, async (tx) => {
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { timezone: true } });
    const period = counterPeriod(pattern, at, tenant.timezone);
    const counter = await tx.documentCounter.findUnique({ where: { tenantId_series_period: { tenantId: actor.tenantId, series, period } } });
    return { ok: true, number: formatDocumentNumber(pattern, { seq: (counter?.lastValue ?? 0n) + 1n, issuedAt: at, timeZone: tenant.timezone }) };
  });
}
