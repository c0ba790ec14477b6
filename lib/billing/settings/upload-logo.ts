// The logo printed on invoices and receipts: a PNG or JPEG of at most 512 KB, recognised by its
// first bytes (a renamed file is still what its bytes say), stored with the settings.
import { createHash } from "node:crypto";
import type { OperatorActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan } from "@/lib/auth/permissions";
import { withTenant } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { MAX_LOGO_BYTES } from "./settings.schema";

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

/** The image type the bytes are, or null when they are neither PNG nor JPEG. */
export function logoMime(bytes: Uint8Array): "image/png" | "image/jpeg" | null {
  const starts = (magic: number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
  if (starts(PNG)) return "image/png";
  if (starts(JPEG)) return "image/jpeg";
  return null;
}

function refuse(message: string): never {
  throw new AppError("VALIDATION", { userMessage: message, fieldErrors: { logo: [message] } });
}

/** Stores `bytes` as the logo; null removes it. */
export async function uploadLogo(actor: OperatorActor, bytes: Uint8Array | null) {
  assertCan(actor, "billing:settings");
  let mime: "image/png" | "image/jpeg" | null = null;
  if (bytes) {
    if (bytes.length === 0) refuse("Choose a PNG or JPEG file.");
    if (bytes.length > MAX_LOGO_BYTES) refuse("The logo must be at most 512 KB.");
    mime = logoMime(bytes);
    if (!mime) refuse("The logo must be a PNG or JPEG image.");
  }
  return withTenant(actor.tenantId, async (tx) => {
    await tx.billingSettings.upsert({ where: { tenantId: actor.tenantId }, create: { tenantId: actor.tenantId }, update: {} });
    await tx.billingSettings.update({ where: { tenantId: actor.tenantId }, data: { logo: bytes ? Buffer.from(bytes) : null, logoMime: mime } });
    const after = bytes ? { mime, bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") } : { removed: true };
    await recordAudit(tx, { actor, action: "billing.logo.update", targetType: "BillingSettings", targetId: actor.tenantId, after });
    return { mime, bytes: bytes?.length ?? 0 };
  });
}
