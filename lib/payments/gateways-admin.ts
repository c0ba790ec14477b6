// An ISP's gateways, as the settings page manages them (docs/payments.md, "Gateways"): the ISP's
// owner and admins add one (kind, name, sandbox or live, its settings and secrets), change it
// (a secret left empty keeps the stored one), switch it off, and test it: the credentials (a
// token call), and optionally a real small payment to a phone, which lands in suspense. Secrets
// are sealed at once and never leave the server; the page shows which are set.
import { randomBytes } from "node:crypto";
import { z, ZodError } from "zod";
import type { OperatorActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, can } from "@/lib/auth/permissions";
import { withTenant } from "@/lib/db";
import { open, seal } from "@/lib/crypto/secret-box";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { currencyExponent } from "@/lib/money/currencies";
import { adapterFor, availableKinds } from "./gateways/registry";
import { GatewayError, type GatewayKindName } from "./gateways/types";
import { gatewayAccount, webhookUrl } from "./gateway-account";
import { forgetGateway } from "./webhooks";

export const gatewaySchema = z.object({
  id: z.uuid().optional(),
  kind: z.enum(["MPESA", "STRIPE", "PAYPAL", "BKASH", "PAYMONGO", "GENERIC"], "Choose a gateway."),
  name: z
    .string()
    .trim()
    .min(1, "Give it a name customers recognise, e.g. M-Pesa.")
    .max(80, "At most 80 characters.")
    .refine((v) => !v.includes("\u0000"), "Plain text only."),
  mode: z.enum(["SANDBOX", "LIVE"], "Sandbox or live."),
  enabled: z.boolean().default(true),
  settings: z.record(z.string(), z.unknown()).default({}),
  secrets: z.record(z.string(), z.unknown()).default({}),
});
export type GatewayInput = z.input<typeof gatewaySchema>;

/** Zod issues of an adapter's settings or secrets as form field errors ("settings.shortcode"). */
function fieldErrorsOf(prefix: string, e: ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of e.issues) (out[`${prefix}.${String(issue.path[0] ?? "")}`] ??= []).push(issue.message);
  return out;
}

export async function saveGateway(actor: OperatorActor, input: GatewayInput) {
  assertCan(actor, "settings:manage");
  const data = gatewaySchema.parse(input);
  if (!availableKinds().includes(data.kind)) throw new AppError("VALIDATION", { fieldErrors: { kind: ["Not available yet."] } });
  const adapter = adapterFor(data.kind);
  return withTenant(actor.tenantId, async (tx) => {
    const before = data.id ? await tx.paymentGateway.findFirst({ where: { id: data.id, tenantId: actor.tenantId } }) : null;
    if (data.id && !before) throw new AppError("NOT_FOUND", { userMessage: "Gateway not found." });
    if (before && before.kind !== data.kind) throw new AppError("VALIDATION", { fieldErrors: { kind: ["A gateway's kind cannot change: add another one."] } });
    // A secret left empty keeps what is stored.
    const kept = before ? (JSON.parse(open(before.secretsSealed)) as Record<string, string>) : {};
    const given = Object.fromEntries(Object.entries(data.secrets).filter(([, v]) => typeof v === "string" && v.trim() !== ""));
    const errors: Record<string, string[]> = {};
    let settings: Record<string, unknown> = {};
    let secrets: Record<string, string> = {};
    try {
      settings = adapter.parseSettings(data.settings) as Record<string, unknown>;
    } catch (e) {
      if (e instanceof ZodError) Object.assign(errors, fieldErrorsOf("settings", e));
      else throw e;
    }
    try {
      secrets = adapter.parseSecrets({ ...kept, ...given }) as Record<string, string>;
    } catch (e) {
      if (e instanceof ZodError) Object.assign(errors, fieldErrorsOf("secret", e));
      else throw e;
    }
    if (Object.keys(errors).length) throw new AppError("VALIDATION", { fieldErrors: errors });
    const clash = await tx.paymentGateway.findFirst({ where: { tenantId: actor.tenantId, name: data.name, ...(before ? { id: { not: before.id } } : {}) } });
    if (clash) throw new AppError("VALIDATION", { fieldErrors: { name: ["Another gateway has this name."] } });
    const row = {
      name: data.name,
      mode: data.mode,
      enabled: data.enabled,
      settings: settings as Prisma.InputJsonValue,
      secretsSealed: seal(JSON.stringify(secrets)),
    };
    const saved = before
      ? await tx.paymentGateway.update({ where: { id: before.id }, data: row })
      : await tx.paymentGateway.create({ data: { ...row, tenantId: actor.tenantId, kind: data.kind, pathToken: randomBytes(24).toString("hex") } });
    forgetGateway(saved.id);
    await recordAudit(tx, {
      actor,
      action: before ? "gateway.update" : "gateway.create",
      targetType: "PaymentGateway",
      targetId: saved.id,
      // Which secrets changed, never their values.
      after: { kind: saved.kind, name: saved.name, mode: saved.mode, enabled: saved.enabled, settings, secretsChanged: Object.keys(given).sort() },
    });
    return saved;
  });
}

export interface GatewayRow {
  id: string;
  kind: GatewayKindName;
  label: string;
  name: string;
  mode: string;
  enabled: boolean;
  settings: Record<string, unknown>;
  /** Which secrets are set (never their values). */
  secretsSet: string[];
  /** Where the gateway must send its callbacks (with the token where the gateway signs nothing). */
  callbackUrls: { label: string; url: string }[];
  lastTestAt: Date | null;
  lastTestOk: boolean | null;
  lastTestMessage: string | null;
}

function callbackUrls(g: { id: string; kind: GatewayKindName; pathToken: string }): GatewayRow["callbackUrls"] {
  const base = webhookUrl(g);
  if (g.kind === "MPESA") {
    return [
      { label: "STK push (sent with each payment)", url: `${base}/${g.pathToken}/stk` },
      { label: "C2B confirmation URL", url: `${base}/${g.pathToken}/c2b/confirmation` },
      { label: "C2B validation URL", url: `${base}/${g.pathToken}/c2b/validation` },
    ];
  }
  return [{ label: "Webhook URL", url: base }];
}

/** The ISP's gateways: all of them for staff who manage settings; the enabled ones' names for anyone who takes payments. */
export async function listGateways(actor: OperatorActor): Promise<GatewayRow[]> {
  if (!can(actor, "settings:manage") && !can(actor, "billing:collect")) throw new AppError("FORBIDDEN");
  const full = can(actor, "settings:manage");
  return withTenant(actor.tenantId, async (tx) => {
    const rows = await tx.paymentGateway.findMany({ where: { tenantId: actor.tenantId, ...(full ? {} : { enabled: true }) }, orderBy: { name: "asc" } });
    return rows.map((g) => ({
      id: g.id,
      kind: g.kind,
      label: adapterFor(g.kind).label,
      name: g.name,
      mode: g.mode,
      enabled: g.enabled,
      settings: full ? (g.settings as Record<string, unknown>) : {},
      secretsSet: full ? Object.keys(JSON.parse(open(g.secretsSealed)) as Record<string, string>).sort() : [],
      callbackUrls: full ? callbackUrls(g) : [],
      lastTestAt: g.lastTestAt,
      lastTestOk: g.lastTestOk,
      lastTestMessage: full ? g.lastTestMessage : null,
    }));
  });
}

export const testGatewaySchema = z.object({
  gatewayId: z.uuid("Choose a gateway."),
  /** With a phone (M-Pesa): a real payment of the smallest whole amount, which lands in suspense. */
  phone: z
    .string()
    .trim()
    .max(30)
    .optional()
    .transform((v) => v || undefined),
  /** Redirect gateways (cards, PayPal...): also start a test payment and show its checkout page. A checkbox posts "on". */
  testPayment: z
    .union([z.string(), z.boolean()])
    .optional()
    .transform((v) => v === true || v === "on" || v === "true"),
});

/** Tests a gateway's credentials, and with a phone (or asked) starts a test payment; records the result on the gateway. */
export async function testGateway(actor: OperatorActor, input: z.input<typeof testGatewaySchema>): Promise<{ ok: boolean; message: string; gatewayPaymentId?: string }> {
  assertCan(actor, "settings:manage");
  const data = testGatewaySchema.parse(input);
  const gateway = await withTenant(actor.tenantId, (tx) => tx.paymentGateway.findFirst({ where: { id: data.gatewayId, tenantId: actor.tenantId } }));
  if (!gateway) throw new AppError("NOT_FOUND", { userMessage: "Gateway not found." });
  const adapter = adapterFor(gateway.kind);
  const account = gatewayAccount(gateway);
  let ok = true;
  let message: string;
  let gatewayPaymentId: string | undefined;
  try {
    message = await adapter.ping(account);
    if (adapter.register) message = `${message} ${await adapter.register(account)}`;
    if ((data.phone || data.testPayment) && !adapter.receivesOnly) {
      const currency = (await withTenant(actor.tenantId, (tx) => tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { currency: true } }))).currency;
      const amountMinor = 10n ** BigInt(currencyExponent(currency));
      const gp = await withTenant(actor.tenantId, (tx) =>
        tx.gatewayPayment.create({
          data: { tenantId: actor.tenantId, gatewayId: gateway.id, customerId: null, purpose: "TEST", amountMinor, currency, phone: data.phone, startedByOperatorId: actor.id, idempotencyKey: `test:${randomBytes(12).toString("hex")}`, nextCheckAt: new Date(Date.now() + 10 * 60_000) },
        }),
      );
      gatewayPaymentId = gp.id;
      const started = await adapter.start(account, {
        paymentRef: gp.id,
        amountMinor,
        currency,
        description: "Test payment",
        accountRef: "TEST",
        phone: data.phone,
        returnUrl: webhookUrl(gateway),
        cancelUrl: webhookUrl(gateway),
        idempotencyKey: gp.id,
      });
      await withTenant(actor.tenantId, (tx) => tx.gatewayPayment.update({ where: { id: gp.id }, data: { gatewayRef: started.gatewayRef, redirectUrl: started.redirectUrl ?? null, nextCheckAt: new Date(Date.now() + 60_000) } }));
      message = `${message} Test payment started: ${started.customerMessage ?? (started.redirectUrl ? `pay it at ${started.redirectUrl}` : "follow it on the online payments page")}. Its money lands in suspense.`;
    }
  } catch (e) {
    ok = false;
    message = e instanceof GatewayError ? e.message : "The gateway could not be reached.";
    if (gatewayPaymentId) {
      const id = gatewayPaymentId;
      await withTenant(actor.tenantId, (tx) => tx.gatewayPayment.update({ where: { id }, data: { status: "FAILED", failureReason: message.slice(0, 500), nextCheckAt: null } }));
    }
  }
  await withTenant(actor.tenantId, async (tx) => {
    await tx.paymentGateway.update({ where: { id: gateway.id }, data: { lastTestAt: new Date(), lastTestOk: ok, lastTestMessage: message.slice(0, 500) } });
    await recordAudit(tx, { actor, action: "gateway.test", targetType: "PaymentGateway", targetId: gateway.id, after: { ok, message, phone: data.phone ?? null } });
  });
  return { ok, message, gatewayPaymentId };
}
