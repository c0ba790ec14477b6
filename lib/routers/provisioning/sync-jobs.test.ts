// The reconcile as the product runs it: triggered through the outbox, retried while the router is
// down, converging when it returns; bursts of changes share one run; the schedule's routers.
import { describe, expect, it } from "vitest";
import { withSystem, withTenant } from "@/lib/db";
import type { AnyJobDefinition } from "@/lib/jobs/define-job";
import type { LocalDriver } from "@/lib/jobs/local/local-driver";
import { relayTransactional } from "@/lib/jobs/outbox/relay";
import { startTestDriver, waitFor } from "@/lib/jobs/testing";
import { makeRouter } from "@/lib/testing/factories";
import { routerPool } from "../router-access";
import { editCustomer, fixturesForFile, makeStaticPackage, placeCustomer, routerRow, syncRow, type ApiRouterFixture } from "./provisioning-fixtures";
import { ROUTER_SYNC_REQUESTED } from "./provisioning.events";
import { reconcileRouterJob, reconcileScheduleJob } from "./provisioning.jobs";
import { RouterSyncError } from "./reconcile-router";
import { routersToReconcile } from "./routers-to-reconcile";
import { requestSyncNow } from "./sync-now";

const { fixture, cleanups } = fixturesForFile();

/** Each menu holds each of our tags once. */
function noDuplicates(fx: ApiRouterFixture) {
  for (const path of ["/ppp/secret", "/queue/simple", "/ip/firewall/address-list", "/ip/arp", "/ip/dhcp-server/lease"]) {
    const tags = fx.ours(path).map((r) => r.comment);
    expect(new Set(tags).size, path).toBe(tags.length);
  }
}

function syncEvents(routerId: string) {
  return withSystem("test: outbox", (tx) => tx.outboxEvent.findMany({ where: { name: ROUTER_SYNC_REQUESTED, data: { path: ["routerId"], equals: routerId } }, orderBy: { createdAt: "asc" } }));
}

describe("a router that is down", () => {
  it("shows ERROR on the router and on the waiting customers, then converges with no duplicates", async () => {
    const fx = await fixture();
    const pkg = await makeStaticPackage(fx.owner);
    const a = await placeCustomer(fx, { connectionType: "STATIC", packageId: pkg.id, staticIp: "10.77.0.2", macAddress: "AA:BB:CC:77:00:02" });
    const b = await placeCustomer(fx, { connectionType: "PPPOE", packageId: pkg.id });
    await fx.reconcile();

    await fx.sim.setDown(true);
    await editCustomer(fx.owner, a, { status: "SUSPENDED" });
    await editCustomer(fx.owner, b, { password: "new-secret-77" });
    const d = await placeCustomer(fx, { connectionType: "STATIC", packageId: pkg.id, staticIp: "10.77.0.4", macAddress: "AA:BB:CC:77:00:04" });
    const failed = await fx.reconcile().catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(RouterSyncError);
    expect((failed as RouterSyncError).retryable).toBe(true);
    expect(await routerRow(fx)).toMatchObject({ syncState: "ERROR", syncError: expect.stringContaining("unreachable") });
    for (const c of [a, b, d]) expect(await syncRow(fx, c.id)).toMatchObject({ state: "ERROR", error: expect.stringContaining("retry") });

    await fx.sim.setDown(false);
    fx.sim.resetStats();
    const run = await fx.reconcile();
    // a: its address-list entry disabled; b: its password; d: four new items.
    expect(run).toMatchObject({ writes: 6, added: 4, changed: 2, removed: 0, errors: 0 });
    noDuplicates(fx);
    for (const c of [a, b, d]) expect((await syncRow(fx, c.id))?.state).toBe("IN_SYNC");
    expect(fx.ours("/ppp/secret")[0]).toMatchObject({ password: "new-secret-77" });
    expect((await fx.reconcile()).writes).toBe(0);
  });
});

describe("the reconcile job", () => {
  it("runs from the outbox, retries while the router is down and completes when it returns", async () => {
    const fx = await fixture();
    const driver: LocalDriver = await startTestDriver([reconcileRouterJob as unknown as AnyJobDefinition]);
    cleanups.push(() => driver.stop());
    // Only this test's events: other tests in this database emit their own.
    const relay = () => relayTransactional((tx, rows) => driver.deliver(tx, rows.filter((r) => r.tenant_id === fx.tenantId)), 100, { names: [ROUTER_SYNC_REQUESTED] });
    const runs = () => withSystem("test: runs", (tx) => tx.jobRun.findMany({ where: { jobId: reconcileRouterJob.id, tenantId: fx.tenantId }, orderBy: { queuedAt: "asc" } }));

    const pkg = await makeStaticPackage(fx.owner);
    const c = await placeCustomer(fx, { connectionType: "STATIC", packageId: pkg.id, staticIp: "10.78.0.2", macAddress: "AA:BB:CC:78:00:02" });
    await relay();
    await waitFor(async () => (await runs()).every((r) => r.status === "COMPLETED") && (await syncRow(fx, c.id))?.state === "IN_SYNC");
    expect(fx.ours("/ip/firewall/address-list")).toEqual([expect.objectContaining({ address: "10.78.0.2", disabled: "false" })]);

    await fx.sim.setDown(true);
    await editCustomer(fx.owner, c, { status: "SUSPENDED" });
    await relay();
    const retrying = await waitFor(async () => (await runs()).find((r) => r.status === "RETRYING"));
    expect(retrying.lastError).toContain("unreachable");
    expect((await syncRow(fx, c.id))?.state).toBe("ERROR");

    await fx.sim.setDown(false);
    await routerPool().close(fx.routerId); // the breaker opened by the failures would otherwise wait out its cool-down
    await waitFor(async () => (await runs()).every((r) => r.status === "COMPLETED"), 30_000);
    expect(fx.ours("/ip/firewall/address-list")).toEqual([expect.objectContaining({ address: "10.78.0.2", disabled: "true" })]);
    expect(fx.ours("/ip/arp")).toHaveLength(1);
    expect(await syncRow(fx, c.id)).toMatchObject({ state: "IN_SYNC" });
    expect(reconcileRouterJob.concurrencyKey).toBe("routerId");
  });

  it("a burst of changes between two runs is one event; a change after a run has claimed its work is another", async () => {
    const fx = await fixture();
    const pkg = await makeStaticPackage(fx.owner);
    const customers = [];
    for (let i = 0; i < 3; i++) customers.push(await placeCustomer(fx, { connectionType: "PPPOE", packageId: pkg.id }));
    for (const c of customers) await editCustomer(fx.owner, c, { status: "SUSPENDED" });
    expect(await syncEvents(fx.routerId)).toHaveLength(1);

    await fx.reconcile();
    await editCustomer(fx.owner, customers[0]!, { status: "ACTIVE" });
    await editCustomer(fx.owner, customers[1]!, { status: "ACTIVE" });
    expect(await syncEvents(fx.routerId)).toHaveLength(2);
    expect((await syncRow(fx, customers[0]!.id))?.state).toBe("PENDING");
    expect((await syncRow(fx, customers[2]!.id))?.state).toBe("IN_SYNC");

    await requestSyncNow(fx.owner, fx.routerId);
    expect(await syncEvents(fx.routerId)).toHaveLength(2);
  });

  it("the schedule reconciles API-mode routers, and RADIUS routers only while we still have items there", async () => {
    const fx = await fixture();
    const radius = await makeRouter(fx.owner);
    const before = await routersToReconcile();
    expect(before.map((r) => r.routerId)).toContain(fx.routerId);
    expect(before.map((r) => r.routerId)).not.toContain(radius.id);
    expect(reconcileScheduleJob.cron?.expression).toBe("*/10 * * * *");

    const pkg = await makeStaticPackage(fx.owner);
    await placeCustomer(fx, { connectionType: "PPPOE", packageId: pkg.id });
    await fx.reconcile();
    await withTenant(fx.tenantId, (tx) => tx.router.update({ where: { id: fx.routerId }, data: { mode: "RADIUS" } }));
    expect((await routersToReconcile()).map((r) => r.routerId)).toContain(fx.routerId);
    await fx.reconcile();
    expect(fx.ours("/ppp/secret")).toHaveLength(0);
    expect((await routersToReconcile()).map((r) => r.routerId)).not.toContain(fx.routerId);
  });
});
