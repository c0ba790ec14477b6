// What the payment gateways' end-to-end tests (lib/payments/*.test.ts) share: our webhook route on
// a local port for the file's tests, with NEXTAUTH_URL pointing at it so the callback URLs
// gateways are given reach it (webhookHarness), and the lookups and steps every file repeats: the
// attempt, the customer's payments, a gateway's webhook rows, the trial balance, starting a
// payment, making an attempt due for the reconcile job, and paying through a hosted-checkout fake
// once per delivery mode. Each file keeps its own fake gateway and its own ISP.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect } from "vitest";
import { withSystem, withTenant } from "@/lib/db";
import type { PaymentMethod } from "@/lib/db/generated/enums";
import { reconcileLedger } from "@/lib/ledger";
import { reconcilePending } from "../reconcile";
import { startPayment } from "../start";
import { startWebhookServer, type TestWebhookServer } from "./webhook-server";

/**
 * Starts the webhook test server before the file's tests and points NEXTAUTH_URL at it; afterwards
 * NEXTAUTH_URL is as it was and the server is closed. Returns the server (once started). Called at
 * a test file's top level (not named use...: the React hooks lint rule would refuse it there).
 */
export function webhookHarness(): () => TestWebhookServer {
  const savedUrl = process.env.NEXTAUTH_URL;
  let hooks: TestWebhookServer | undefined;
  beforeAll(async () => {
    hooks = await startWebhookServer();
    process.env.NEXTAUTH_URL = hooks.url;
  });
  afterAll(async () => {
    process.env.NEXTAUTH_URL = savedUrl;
    await hooks?.close();
  });
  return () => {
    if (!hooks) throw new Error("The webhook test server starts in beforeAll: ask for it inside a test.");
    return hooks;
  };
}

/** A payment attempt (gatewayPayment) by id. */
export const attempt = (tenantId: string, id: string) => withTenant(tenantId, (tx) => tx.gatewayPayment.findUniqueOrThrow({ where: { id } }));

/** The customer's payments, oldest first; only those of `method` when given. */
export const payments = (tenantId: string, customerId: string, method?: PaymentMethod) =>
  withTenant(tenantId, (tx) => tx.payment.findMany({ where: { customerId, method }, orderBy: { createdAt: "asc" } }));

/** A gateway's stored webhook requests, in the order they arrived. */
export const hooksOf = (gatewayId: string) => withSystem("test: webhook rows", (tx) => tx.webhookRequest.findMany({ where: { gatewayId }, orderBy: { id: "asc" } }));

/** The tenant's trial balance is 0. */
export const balanced = async (tenantId: string) => (await withTenant(tenantId, (tx) => reconcileLedger(tx, tenantId))).ok;

/** The reconcile job's next run, for this attempt only: it is made due now (others are not due for a minute). */
export const dueNow = (tenantId: string, id: string, extra: { createdAt?: Date } = {}) =>
  withTenant(tenantId, (tx) => tx.gatewayPayment.update({ where: { id }, data: { nextCheckAt: new Date(Date.now() - 1000), ...extra } }));

type Payer = Parameters<typeof startPayment>[0];
type Purpose = "RENEWAL" | "BALANCE";

/** Starts a payment with a fresh idempotency key: a renewal unless told (`more`: the M-Pesa phone). */
export const pay = (actor: Payer, customerId: string, gatewayId: string, purpose: Purpose = "RENEWAL", amount?: string, more: { phone?: string } = {}) =>
  startPayment(actor, { customerId, gatewayId, purpose, amount, ...more, idempotencyKey: randomUUID() });

/**
 * Starts a payment as `pay` does, its first check out of reach of the other files' reconcile runs
 * (test files run in parallel on one database, and those runs look now + 2 minutes): only this
 * file's `reconcileLater` asks about it.
 */
export async function payCheckedLater(actor: Payer, customerId: string, gatewayId: string, purpose: Purpose = "RENEWAL", amount?: string) {
  const started = await pay(actor, customerId, gatewayId, purpose, amount);
  await withTenant(actor.tenantId, (tx) => tx.gatewayPayment.updateMany({ where: { id: started.gatewayPaymentId, status: "PENDING" }, data: { nextCheckAt: new Date(Date.now() + 4 * 60_000) } }));
  return started;
}

/** The reconcile job's run five minutes on (before the 10 minutes after which a start that never reached the gateway is expired). */
export const reconcileLater = () => reconcilePending(new Date(Date.now() + 5 * 60_000));

/** A fake gateway with hosted checkout sessions (fakes/stripe.ts, fakes/paymongo.ts), as payEachWay drives it. */
export interface CheckoutFake<Delivery> {
  setMode(mode: { delivery?: Delivery }): void;
  complete(sessionId: string): Promise<unknown>;
  settled(): Promise<void>;
}

/**
 * One payment per delivery mode, in turn: started (`start`, given its index), paid on the fake's
 * checkout page, and its webhooks landed before the next; `meanwhile` looks in between the page and
 * the webhooks. Returns the attempts' ids, in order.
 */
export async function payEachWay<Delivery>(
  fake: CheckoutFake<Delivery>,
  tenantId: string,
  ways: readonly Delivery[],
  start: (i: number) => Promise<{ gatewayPaymentId: string }>,
  meanwhile?: (delivery: Delivery, gatewayPaymentId: string) => Promise<void>,
): Promise<string[]> {
  const ids: string[] = [];
  for (const delivery of ways) {
    fake.setMode({ delivery });
    const s = await start(ids.length);
    ids.push(s.gatewayPaymentId);
    await fake.complete((await attempt(tenantId, s.gatewayPaymentId)).gatewayRef!);
    await meanwhile?.(delivery, s.gatewayPaymentId);
    await fake.settled();
  }
  return ids;
}

/**
 * The hosted-checkout fakes' scenario of webhooks that come twice, after a stale event of the same
 * payment ("out-of-order"), and late (the attempt pending until they land): one payment each, of
 * 200, 201 and 202 (`start` is given the amount), each attempt succeeded and credited once.
 */
export async function expectOnePaymentEachWay(fake: CheckoutFake<"duplicate" | "out-of-order" | "delayed">, tenantId: string, customerId: string, start: (amount: string) => Promise<{ gatewayPaymentId: string }>) {
  const ids = await payEachWay(fake, tenantId, ["duplicate", "out-of-order", "delayed"], (i) => start(String(200 + i)), async (delivery, id) => {
    if (delivery === "delayed") expect((await attempt(tenantId, id)).status).toBe("PENDING");
  });
  for (const id of ids) expect((await attempt(tenantId, id)).status).toBe("SUCCEEDED");
  expect((await payments(tenantId, customerId)).map((p) => p.amountMinor)).toEqual([200_00n, 201_00n, 202_00n]);
}
