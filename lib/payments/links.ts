// Payment links (docs/payments.md, "Payment links"): an operator who collects sends a customer a
// link (SMS, WhatsApp) that opens a page where anyone holding it can pay that customer's account,
// without signing in: the next period, what is owed, or the amount the link names. The link is a
// signed token (HMAC-SHA256 under a key derived from APP_ENCRYPTION_KEY) carrying the ISP, the
// customer, the amount and an expiry; nothing is stored, and a link cannot be altered to another
// customer or amount. Holding a link lets one pay into the account and see the account's name
// and what it owes, nothing more.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { CustomerActor, OperatorActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan } from "@/lib/auth/permissions";
import { derivedKey } from "@/lib/crypto/secret-box";
import { isUuid, withSystem, withTenant } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseAmount } from "@/lib/money/parse-amount";
import { publicBaseUrl } from "@/lib/next/public-url";
import { visibleCustomer } from "@/lib/billing/billing-access";
import { billingContext } from "@/lib/billing/billing-context";

export const LINK_DAYS = { min: 1, max: 60, default: 14 };

interface LinkClaims {
  /** Tenant. */
  t: string;
  /** Customer. */
  c: string;
  /** Amount in minor units, or absent: the customer chooses (next period, or what is owed). */
  a?: string;
  /** Expiry, unix seconds. */
  e: number;
}

const sign = (payload: string) => createHmac("sha256", derivedKey("payments/link")).update(payload).digest("base64url");

export function encodeLink(claims: LinkClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

/** The link's claims when it is genuine and not expired; null otherwise (never says which). */
export function decodeLink(token: string, now = new Date()): LinkClaims | null {
  if (typeof token !== "string" || token.length > 600) return null;
  const [payload, mac, extra] = token.split(".");
  if (!payload || !mac || extra !== undefined) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as LinkClaims;
    if (!isUuid(claims.t) || !isUuid(claims.c) || typeof claims.e !== "number" || claims.e * 1000 < now.getTime()) return null;
    if (claims.a !== undefined && !/^\d{1,15}$/.test(claims.a)) return null;
    return claims;
  } catch {
    return null;
  }
}

export const paymentLinkSchema = z.object({
  customerId: z.uuid("Choose a customer."),
  amount: z
    .string()
    .trim()
    .max(30)
    .optional()
    .transform((v) => v || undefined),
  days: z.coerce.number("Enter a number of days.").int("Whole days.").min(LINK_DAYS.min, `At least ${LINK_DAYS.min} day.`).max(LINK_DAYS.max, `At most ${LINK_DAYS.max} days.`).default(LINK_DAYS.default),
});

/** A link for a customer the operator sees; audited (who sent a link for what). */
export async function createPaymentLink(actor: OperatorActor, input: z.input<typeof paymentLinkSchema>): Promise<{ url: string; expiresAt: Date }> {
  assertCan(actor, "billing:collect");
  const data = paymentLinkSchema.parse(input);
  return withTenant(actor.tenantId, async (tx) => {
    const customer = await visibleCustomer(tx, actor, data.customerId);
    const ctx = await billingContext(tx, actor.tenantId);
    const amountMinor = data.amount ? parseAmount(data.amount, ctx.currency, { field: "amount" }) : undefined;
    if (amountMinor !== undefined && amountMinor <= 0n) throw new AppError("VALIDATION", { fieldErrors: { amount: ["More than zero, or empty."] } });
    const expiresAt = new Date(Date.now() + data.days * 86_400_000);
    const token = encodeLink({ t: actor.tenantId, c: customer.id, ...(amountMinor !== undefined ? { a: amountMinor.toString() } : {}), e: Math.floor(expiresAt.getTime() / 1000) });
    await recordAudit(tx, { actor, action: "payment.link", targetType: "Customer", targetId: customer.id, after: { amountMinor: amountMinor?.toString() ?? null, expiresAt: expiresAt.toISOString() } });
    return { url: `${publicBaseUrl()}/pay/${token}`, expiresAt };
  });
}

export interface LinkedAccount {
  actor: CustomerActor;
  /** The link's fixed amount, if it names one. */
  amountMinor: bigint | null;
  customerName: string;
  username: string;
  ispName: string;
  expiresAt: Date;
}

/** Who a link pays for, as the customer (the only identity a link gives), or null. */
export async function linkedAccount(token: string): Promise<LinkedAccount | null> {
  const claims = decodeLink(token);
  if (!claims) return null;
  const found = await withSystem("payment link: its customer", (tx) =>
    tx.customer.findFirst({ where: { id: claims.c, tenantId: claims.t, status: { not: "DISABLED" } }, select: { id: true, name: true, username: true, tenant: { select: { name: true } } } }),
  );
  if (!found) return null;
  return {
    actor: { kind: "CUSTOMER", id: found.id, tenantId: claims.t, name: found.name },
    amountMinor: claims.a !== undefined ? BigInt(claims.a) : null,
    customerName: found.name,
    username: found.username,
    ispName: found.tenant.name,
    expiresAt: new Date(claims.e * 1000),
  };
}
