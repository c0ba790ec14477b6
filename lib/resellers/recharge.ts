// A reseller recharging its customer (docs/resellers.md, "Recharges"): the billing renewal
// (lib/billing/renewals/renew.ts: one more validity from max(now, expiry), invoice at the
// customer's price, service restored through the fan-out), paid from the reseller's wallet at
// the reseller's price for the package. The customer's invoice shows what the customer pays; the
// wallet goes down by what the reseller pays; the difference is the reseller's margin. The same
// path pays a new customer's activation when a reseller creates it.
//
// An empty wallet (or a postpaid reseller at its credit limit) is refused by PostgreSQL on the
// wallet's locked balance update, so 1,000 concurrent recharges against a wallet that covers 600
// succeed exactly 600 times (recharge.test.ts).
import { z } from "zod";
import type { OperatorActor } from "@/lib/audit/actor";
import { can } from "@/lib/auth/permissions";
import { withTenant, type Tx } from "@/lib/db";
import type { Operator, Package } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { ensureAccount, rewordOverdraft } from "@/lib/ledger";
import { formatMoney } from "@/lib/money/format-money";
import { visibleCustomer } from "@/lib/billing/billing-access";
import { billingContext, type BillingContext } from "@/lib/billing/billing-context";
import { receivePayment } from "@/lib/billing/payments/receive-payment";
import { renewTx, type PaymentFunding, type Renewed } from "@/lib/billing/renewals/renew";
import { formToken } from "./form-text";
import { tierBuyPrice } from "./tier-price";
import { walletAccount, walletBalance } from "./wallet-account";

export const rechargeSchema = z.object({
  customerId: z.uuid("Choose a customer."),
  periods: z.coerce.number("Enter a number.").int("A whole number.").min(1, "At least 1.").max(24, "At most 24.").default(1),
  idempotencyKey: formToken,
});
export type RechargeInput = z.input<typeof rechargeSchema>;

export const isResellerActor = (actor: Pick<OperatorActor, "role">) => actor.role === "RESELLER" || actor.role === "SUB_RESELLER";

/** The ISP's cost of selling through resellers: the customer's price less what the reseller paid. */
export function resellerMarginAccount(tx: Tx, tenantId: string, currency: string): Promise<string> {
  return ensureAccount(tx, tenantId, { code: "reseller_margin", name: "Reseller margins", type: "EXPENSE", currency });
}

/** The reseller's own price for one period of a package: its special price, else its tier's. */
export async function resellerBuyPrices(tx: Tx, tenantId: string, op: Pick<Operator, "id" | "role">): Promise<(pkg: Package) => bigint> {
  const specials = await tx.resellerPackagePrice.findMany({ where: { tenantId, operatorId: op.id }, select: { packageId: true, priceMinor: true } });
  const special = new Map(specials.map((s) => [s.packageId, s.priceMinor]));
  return (pkg) => tierBuyPrice(pkg, op.role, special.get(pkg.id) ?? null) ?? pkg.priceMinor;
}

export interface ResellerFunding extends PaymentFunding {
  walletAccountId: string;
  marginAccountId: string;
  /** The reseller's price for one period of this package (special price or tier price). */
  buyPrice: (pkg: Package) => bigint;
}

/**
 * The reseller's wallet and margin accounts and its price rule: what renewTx needs to charge it.
 * The wallet pays the buy price; the reseller's margin (what its customer pays it above that) is
 * the ISP's cost of selling through it.
 */
export async function resellerFunding(tx: Tx, ctx: BillingContext, op: Operator): Promise<ResellerFunding> {
  const [walletAccountId, marginAccountId, buyPrice] = await Promise.all([
    walletAccount(tx, ctx.tenantId, op, ctx.currency),
    resellerMarginAccount(tx, ctx.tenantId, ctx.currency),
    resellerBuyPrices(tx, ctx.tenantId, op),
  ]);
  const legs = (priceMinor: bigint, pkg: Package, periods: number) => {
    const buyMinor = buyPrice(pkg) * BigInt(periods);
    return [{ accountId: walletAccountId, amountMinor: buyMinor }, ...(priceMinor !== buyMinor ? [{ accountId: marginAccountId, amountMinor: priceMinor - buyMinor }] : [])];
  };
  return { walletAccountId, marginAccountId, buyPrice, legs };
}

/** The refusal a reseller reads when its wallet cannot pay: what it has and what it needs. */
function notEnough(ctx: BillingContext, op: Operator, availableMinor: bigint, costMinor: bigint, field = "periods"): AppError {
  const has = formatMoney(availableMinor, ctx.currency, ctx.locale);
  const needs = formatMoney(costMinor, ctx.currency, ctx.locale);
  const message =
    op.billingMode === "POSTPAID"
      ? `Your credit limit is used up: ${has} left, this costs you ${needs}. Settle what you owe first.`
      : `Your wallet holds ${has} and this costs you ${needs}. Top up your wallet first.`;
  return new AppError("CONFLICT", { userMessage: message, fieldErrors: { [field]: [message] } });
}

/** Runs fn, turning the ledger's overdraft refusal into the reseller's words. */
export async function chargingWallet<T>(ctx: BillingContext, op: Operator, costMinor: () => bigint, fn: () => Promise<T>, field = "periods"): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    // The transaction is aborted: the balance is not read again; say what it costs.
    const message = op.billingMode === "POSTPAID" ? "Your credit limit does not cover this: settle what you owe first." : `Your wallet does not cover this (it costs you ${formatMoney(costMinor(), ctx.currency, ctx.locale)}). Top up your wallet first.`;
    return rewordOverdraft(e, message, { [field]: [message] });
  }
}

export async function rechargeCustomer(actor: OperatorActor, input: RechargeInput): Promise<Renewed & { walletMinor: bigint }> {
  if (!isResellerActor(actor) || !can(actor, "customers:manage")) throw new AppError("FORBIDDEN", { userMessage: "Only resellers recharge from a wallet." });
  const data = rechargeSchema.parse(input);
  return withTenant(actor.tenantId, async (tx) => {
    const customer = await visibleCustomer(tx, actor, data.customerId);
    const ctx = await billingContext(tx, actor.tenantId);
    const op = await tx.operator.findUniqueOrThrow({ where: { id: actor.id } });
    const funding = await resellerFunding(tx, ctx, op);
    const pkg = customer.packageId ? await tx.package.findUnique({ where: { id: customer.packageId } }) : null;
    const cost = () => (pkg ? funding.buyPrice(pkg) * BigInt(data.periods) : 0n);
    // A clear refusal before anything is written when the wallet plainly cannot pay; the
    // database's check stays the guard when recharges race.
    const before = await walletBalance(tx, actor.tenantId, op, ctx.currency);
    if (pkg && before.availableMinor < cost()) throw notEnough(ctx, op, before.availableMinor, cost());
    const renewed = await chargingWallet(ctx, op, cost, () =>
      renewTx(tx, ctx, {
        customerId: customer.id,
        payWith: "RESELLER_WALLET",
        periods: data.periods,
        key: `reseller:${actor.id}:${data.idempotencyKey}`,
        operatorId: actor.id,
        actor,
        funding,
      }),
    );
    const after = await walletBalance(tx, actor.tenantId, op, ctx.currency);
    return { ...renewed, walletMinor: after.balanceMinor };
  });
}

/**
 * A reseller creating a prepaid customer pays its first validity from its wallet (create-customer
 * calls this in the creation's transaction): the activation invoice is paid in full, the wallet
 * debited at the reseller's price. Refused (and nothing created) when the wallet cannot pay.
 */
export async function payActivationFromWallet(tx: Tx, ctx: BillingContext, actor: OperatorActor, customerId: string, pkg: Package, invoiceId: string): Promise<void> {
  const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
  if (invoice.totalMinor <= 0n) return;
  const op = await tx.operator.findUniqueOrThrow({ where: { id: actor.id } });
  const funding = await resellerFunding(tx, ctx, op);
  const buy = funding.buyPrice(pkg);
  const before = await walletBalance(tx, ctx.tenantId, op, ctx.currency);
  if (before.availableMinor < buy) throw notEnough(ctx, op, before.availableMinor, buy, "packageId");
  await chargingWallet(
    ctx,
    op,
    () => buy,
    () =>
    receivePayment(tx, ctx, {
      customerId,
      method: "RESELLER_WALLET",
      amountMinor: invoice.totalMinor,
      collectedById: actor.id,
      idempotencyKey: `activation:${customerId}`,
      fundedBy: [{ accountId: funding.walletAccountId, amountMinor: buy }, ...(invoice.totalMinor !== buy ? [{ accountId: funding.marginAccountId, amountMinor: invoice.totalMinor - buy }] : [])],
    }),
    "packageId",
  );
}

export interface RechargeQuote {
  packageName: string;
  currency: string;
  /** What the reseller pays for one period, and what its customer pays. */
  costMinor: bigint;
  priceMinor: bigint;
  availableMinor: bigint;
}

/** What a recharge of this customer would cost the reseller now (null: no package to renew). */
export async function rechargeQuote(actor: OperatorActor, customerId: string): Promise<RechargeQuote | null> {
  if (!isResellerActor(actor)) return null;
  return withTenant(actor.tenantId, async (tx) => {
    const customer = await visibleCustomer(tx, actor, customerId);
    if (!customer.packageId) return null;
    const [pkg, op, ctx] = await Promise.all([tx.package.findUniqueOrThrow({ where: { id: customer.packageId } }), tx.operator.findUniqueOrThrow({ where: { id: actor.id } }), billingContext(tx, actor.tenantId)]);
    const price = await resellerBuyPrices(tx, actor.tenantId, op);
    const wallet = await walletBalance(tx, actor.tenantId, op, ctx.currency);
    return { packageName: pkg.name, currency: ctx.currency, costMinor: price(pkg), priceMinor: pkg.priceMinor, availableMinor: wallet.availableMinor };
  });
}
