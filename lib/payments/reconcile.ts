// Pending attempts the gateway never called back about (docs/payments.md, "Pending payments"):
// the job payments.reconcile asks the gateway for each one whose check is due, settles what it
// answers through the same path as a callback, and asks again later on a backing-off schedule.
// An attempt the gateway still calls pending a day later, or one that never reached the gateway,
// is expired. One attempt's trouble (its gateway down, its credentials revoked) is logged on it
// and never stops the others.
import { withSystem, withTenant } from "@/lib/db";
import { adapterFor } from "./gateways/registry";
import { GatewayError } from "./gateways/types";
import { gatewayAccount } from "./gateway-account";
import { settleEvent } from "./settle";
import { CHECK_AFTER_MINUTES } from "./start";

/** An attempt still pending this long after it started is given up. */
export const GIVE_UP_AFTER_MS = 24 * 3600_000;

export interface ReconcileResult {
  checked: number;
  settled: number;
  failed: number;
  expired: number;
  errors: number;
}

export async function reconcilePending(now = new Date(), limit = 200): Promise<ReconcileResult> {
  const due = await withSystem("payments: pending attempts due for a check", (tx) =>
    tx.$queryRaw<{ id: string; tenant_id: string }[]>`
      SELECT id, tenant_id FROM gateway_payments
       WHERE status = 'PENDING' AND next_check_at <= ${now}
       ORDER BY next_check_at LIMIT ${limit}`,
  );
  const result: ReconcileResult = { checked: 0, settled: 0, failed: 0, expired: 0, errors: 0 };
  for (const { id, tenant_id: tenantId } of due) {
    result.checked++;
    const gp = await withTenant(tenantId, (tx) => tx.gatewayPayment.findUniqueOrThrow({ where: { id } }));
    const age = now.getTime() - gp.createdAt.getTime();
    const expire = (reason: string) =>
      withTenant(tenantId, (tx) => tx.gatewayPayment.updateMany({ where: { id, status: "PENDING" }, data: { status: "EXPIRED", failureReason: reason, nextCheckAt: null } }));
    if (!gp.gatewayRef) {
      await expire("The payment never reached the gateway.");
      result.expired++;
      continue;
    }
    try {
      const gateway = await withTenant(tenantId, (tx) => tx.paymentGateway.findUniqueOrThrow({ where: { id: gp.gatewayId } }));
      const status = await adapterFor(gateway.kind).query(gatewayAccount(gateway), gp.gatewayRef, { amountMinor: gp.amountMinor, currency: gp.currency });
      if (status.event.type === "pending") {
        if (age > GIVE_UP_AFTER_MS) {
          await expire("No answer from the gateway within a day.");
          result.expired++;
        } else await later(tenantId, id, gp.checks + 1, now);
        continue;
      }
      const settled = await settleEvent(gateway, status.event);
      if (settled.outcome === "ACCEPTED" && status.event.type === "succeeded") result.settled++;
      else if (settled.outcome === "ACCEPTED") result.failed++;
      // Refused (e.g. the gateway reports another amount): asked again later, and given up after a day.
      else if (settled.outcome === "REJECTED") {
        console.warn(`[payments] status check of ${id} (tenant ${tenantId}) not settled: ${settled.reason}`);
        if (age > GIVE_UP_AFTER_MS) {
          await expire(`Not settled within a day: ${settled.reason}`.slice(0, 500));
          result.expired++;
        } else await later(tenantId, id, gp.checks + 1, now, settled.reason);
      }
    } catch (e) {
      result.errors++;
      const why = e instanceof GatewayError ? e.message : e instanceof Error ? e.message : String(e);
      console.warn(`[payments] status check of ${id} (tenant ${tenantId}) failed, will retry: ${why}`);
      if (age > GIVE_UP_AFTER_MS) {
        await expire(`The gateway could not be asked within a day: ${why}`.slice(0, 500));
        result.expired++;
      } else await later(tenantId, id, gp.checks + 1, now, why);
    }
  }
  return result;
}

async function later(tenantId: string, id: string, checks: number, now: Date, error?: string) {
  const minutes = CHECK_AFTER_MINUTES[Math.min(checks, CHECK_AFTER_MINUTES.length - 1)]!;
  await withTenant(tenantId, (tx) =>
    tx.gatewayPayment.updateMany({
      where: { id, status: "PENDING" },
      data: { checks, nextCheckAt: new Date(now.getTime() + minutes * 60_000), ...(error ? { failureReason: `Last check failed: ${error}`.slice(0, 500) } : {}) },
    }),
  );
}
