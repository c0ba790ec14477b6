// A batch's printable cards (docs/vouchers.md, "Printing"): the codes, unsealed from the batch's
// sheets, with serials, for the batch's owner (the reseller that bought it) or the ISP's owner and
// admins, as CSV or as A4 card sheets (PDF). Every read is audited; a batch whose sheet was
// forgotten cannot be printed again.
import type { OperatorActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { isUuid, withTenant, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { open } from "@/lib/crypto/secret-box";
import type { VoucherBatch } from "@/lib/db/generated/client";
import { toCsvExport } from "@/lib/documents/csv-export";
import { documentTenant } from "@/lib/billing/statements/document-tenant";
import { formatMoney } from "@/lib/money/format-money";
import { publicBaseUrl } from "@/lib/next/public-url";
import { CHUNK } from "./batches";
import { renderVoucherCardsPdf, validityText } from "./card-pdf";
import { displayCode } from "./codes";

export interface Card {
  serial: bigint;
  code: string;
}

/** The batch if this actor may see it: staff with billing:view, or the reseller that owns it. */
export async function visibleBatch(tx: Tx, actor: OperatorActor, batchId: string): Promise<VoucherBatch> {
  const notFound = new AppError("NOT_FOUND", { userMessage: "Voucher batch not found." });
  if (!isUuid(batchId)) throw notFound;
  const batch = await tx.voucherBatch.findFirst({ where: { id: batchId, tenantId: actor.tenantId } });
  if (!batch) throw notFound;
  if (can(actor, "billing:view")) return batch;
  if (batch.ownerId === actor.id) return batch;
  throw notFound;
}

export async function readBatchCards(actor: OperatorActor, batchId: string, purpose: "csv" | "pdf"): Promise<{ batch: VoucherBatch; cards: Card[] }> {
  return withTenant(actor.tenantId, async (tx) => {
    const batch = await visibleBatch(tx, actor, batchId);
    if (!(batch.ownerId === actor.id || can(actor, "billing:manage"))) throw new AppError("FORBIDDEN", { userMessage: "Only the batch's owner, and the ISP's owner or admins, print its cards." });
    if (batch.status !== "READY") throw new AppError("CONFLICT", { userMessage: "The cards are still being made: wait for the batch to be ready." });
    if (batch.sheetForgottenAt) throw new AppError("CONFLICT", { userMessage: "This batch's codes were forgotten after printing: they cannot be printed again." });
    const sheets = await tx.voucherSheet.findMany({ where: { batchId: batch.id, tenantId: actor.tenantId }, orderBy: { chunk: "asc" } });
    const cards: Card[] = [];
    for (const sheet of sheets) {
      const from = sheet.chunk * CHUNK;
      open(sheet.codesSealed)
        .split("\n")
        .forEach((code, i) => cards.push({ serial: batch.serialStart + BigInt(from + i), code }));
    }
    await recordAudit(tx, { actor, action: "voucher.print", targetType: "VoucherBatch", targetId: batch.id, after: { number: batch.number, cards: cards.length, purpose } });
    return { batch, cards };
  });
}

/** The batch's cards as CSV: serial, code (grouped for reading), package, price, card expiry. */
export async function exportBatchCsv(actor: OperatorActor, batchId: string) {
  const { batch, cards } = await readBatchCards(actor, batchId, "csv");
  const tenant = await withTenant(actor.tenantId, (tx) => tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { locale: true, timezone: true, currency: true } }));
  const pkg = await withTenant(actor.tenantId, (tx) => tx.package.findUniqueOrThrow({ where: { id: batch.packageId }, select: { name: true } }));
  const rows = cards.map((c) => ({ serial: c.serial, code: displayCode(c.code), package: pkg.name, price: batch.faceMinor, expires: batch.cardExpiresAt }));
  const body = toCsvExport(
    [
      { header: "Serial", key: "serial", type: "integer" },
      { header: "Code", key: "code", type: "text" },
      { header: "Package", key: "package", type: "text" },
      { header: "Price", key: "price", type: "money", currency: batch.currency },
      { header: "Card expires", key: "expires", type: "date" },
    ],
    rows,
    { tenant: { locale: tenant.locale, timeZone: tenant.timezone, currency: tenant.currency } },
  );
  return { fileName: `vouchers-batch-${batch.number}.csv`, contentType: "text/csv; charset=utf-8", body: Buffer.from(body, "utf8") };
}

/** The batch's cards as A4 sheets to print and cut: 21 a page, each with its code and QR code. */
export async function exportBatchPdf(actor: OperatorActor, batchId: string) {
  const { batch, cards } = await readBatchCards(actor, batchId, "pdf");
  const { tenant, slug, pkg } = await withTenant(actor.tenantId, async (tx) => ({
    tenant: await documentTenant(tx, actor.tenantId),
    slug: (await tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { slug: true } })).slug,
    pkg: await tx.package.findUniqueOrThrow({ where: { id: batch.packageId }, select: { name: true, validityValue: true, validityUnit: true } }),
  }));
  const body = await renderVoucherCardsPdf({
    tenant,
    batchNumber: batch.number,
    packageName: pkg.name,
    validity: validityText(pkg.validityValue, pkg.validityUnit),
    price: formatMoney(batch.faceMinor, batch.currency, tenant.locale),
    cardExpiresAt: batch.cardExpiresAt,
    portal: { baseUrl: publicBaseUrl(), slug },
    cards,
  });
  return { fileName: `vouchers-batch-${batch.number}.pdf`, contentType: "application/pdf", body };
}

export interface BatchRow {
  id: string;
  number: number;
  packageName: string;
  quantity: number;
  generated: number;
  redeemed: number;
  status: string;
  faceMinor: bigint;
  costMinor: bigint;
  currency: string;
  ownerName: string | null;
  cardExpiresAt: Date | null;
  createdAt: Date;
}

/** The batches an actor may see (staff: all, billing:view; a reseller: its own), newest first. */
export async function listVoucherBatches(actor: OperatorActor): Promise<BatchRow[]> {
  const staff = can(actor, "billing:view");
  if (!staff && actor.role !== "RESELLER" && actor.role !== "SUB_RESELLER") throw new AppError("FORBIDDEN");
  return withTenant(actor.tenantId, async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; number: number; package_name: string; quantity: number; generated: number; redeemed: bigint; status: string; face_minor: bigint; cost_minor: bigint; currency: string; owner_name: string | null; card_expires_at: Date | null; created_at: Date }[]>`
      SELECT b.id, b.number, p.name AS package_name, b.quantity, b.generated, b.status::text AS status, b.face_minor, b.cost_minor, b.currency, o.name AS owner_name, b.card_expires_at, b.created_at,
             (SELECT count(*) FROM vouchers v WHERE v.tenant_id = b.tenant_id AND v.batch_id = b.id AND v.state = 'REDEEMED')::bigint AS redeemed
        FROM voucher_batches b JOIN packages p ON p.id = b.package_id LEFT JOIN operators o ON o.id = b.owner_id
       WHERE b.tenant_id = ${actor.tenantId}::uuid AND (${staff} OR b.owner_id = ${actor.id}::uuid)
       ORDER BY b.number DESC LIMIT 200`;
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      packageName: r.package_name,
      quantity: r.quantity,
      generated: r.generated,
      redeemed: Number(r.redeemed),
      status: r.status,
      faceMinor: r.face_minor,
      costMinor: r.cost_minor,
      currency: r.currency,
      ownerName: r.owner_name,
      cardExpiresAt: r.card_expires_at,
      createdAt: r.created_at,
    }));
  });
}
