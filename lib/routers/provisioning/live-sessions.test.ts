// API-mode customers feel a change now (finding 18): suspending an online PPPoE or hotspot
// customer ends its /ppp/active or /ip/hotspot/active entry once its secret or hotspot user has the
// suspended profile; a router that does not answer leaves the change pending and a retrying run.
import { describe, expect, it } from "vitest";
import { disconnectCustomer } from "@/lib/customers/disconnect-customer";
import { withSystem } from "@/lib/db";
import type { AnyJobDefinition } from "@/lib/jobs/define-job";
import type { LocalDriver } from "@/lib/jobs/local/local-driver";
import { relayTransactional } from "@/lib/jobs/outbox/relay";
import { startTestDriver, waitFor } from "@/lib/jobs/testing";
import { makeRouter } from "@/lib/testing/factories";
import { routerPool } from "../router-access";
import { CAPTIVE_PROFILE, packageProfileName } from "./desired-state";
import { editCustomer, fixturesForFile, makeStaticPackage, placeCustomer, syncRow, type ApiRouterFixture, type PlacedCustomer } from "./provisioning-fixtures";
import { ROUTER_SYNC_REQUESTED } from "./provisioning.events";
import { reconcileRouterJob } from "./provisioning.jobs";
import { RouterSyncError } from "./reconcile-router";

const { fixture, cleanups } = fixturesForFile();

const pppActive = (fx: ApiRouterFixture, c: PlacedCustomer) => fx.sim.menu("/ppp/active").find((r) => r.name === c.username)[0];
const hotspotActive = (fx: ApiRouterFixture, c: PlacedCustomer) => fx.sim.menu("/ip/hotspot/active").find((r) => r.user === c.username)[0];
const pending = async (fx: ApiRouterFixture, c: PlacedCustomer) => (await syncRow(fx, c.id))?.liveChange ?? null;

/** Two online customers on one API-mode router, in sync. */
async function online() {
  const fx = await fixture();
  const pkg = await makeStaticPackage(fx.owner, { name: "Home 10M" });
  const faster = await makeStaticPackage(fx.owner, { name: "Home 20M", rateDown: "20M" });
  const ppp = await placeCustomer(fx, { connectionType: "PPPOE", packageId: pkg.id });
  const hotspot = await placeCustomer(fx, { connectionType: "HOTSPOT", packageId: pkg.id });
  await fx.reconcile();
  fx.sim.sessions.pppConnect({ name: ppp.username });
  fx.sim.sessions.hotspotLogin({ user: hotspot.username });
  expect(pppActive(fx, ppp)).toBeDefined();
  expect(hotspotActive(fx, hotspot)).toBeDefined();
  return { fx, pkg, faster, ppp, hotspot };
}

describe("a change an API-mode customer must feel now", () => {
  it("suspending an online PPPoE customer: its secret gets the suspended profile and its /ppp/active entry is gone", async () => {
    const { fx, ppp, hotspot } = await online();
    await editCustomer(fx.owner, ppp, { status: "SUSPENDED" });
    expect(await pending(fx, ppp)).toBe("disconnect");
    const run = await fx.reconcile();
    expect(run).toMatchObject({ changed: 1, errors: 0, sessionsEnded: 1 });
    expect(fx.ours("/ppp/secret").find((s) => s.name === ppp.username)).toMatchObject({ profile: CAPTIVE_PROFILE });
    expect(pppActive(fx, ppp)).toBeUndefined();
    // The other customer's session is left alone, and the change is done: the next run ends nothing.
    expect(hotspotActive(fx, hotspot)).toBeDefined();
    expect(await syncRow(fx, ppp.id)).toMatchObject({ state: "IN_SYNC", liveChange: null });
    expect(await fx.reconcile()).toMatchObject({ writes: 0, sessionsEnded: 0 });
  });

  it("suspending an online hotspot customer: its user gets the suspended profile and its /ip/hotspot/active entry is gone", async () => {
    const { fx, ppp, hotspot } = await online();
    await editCustomer(fx.owner, hotspot, { status: "SUSPENDED" });
    expect(await fx.reconcile()).toMatchObject({ errors: 0, sessionsEnded: 1 });
    expect(fx.ours("/ip/hotspot/user").find((u) => u.name === hotspot.username)).toMatchObject({ profile: CAPTIVE_PROFILE });
    expect(hotspotActive(fx, hotspot)).toBeUndefined();
    expect(pppActive(fx, ppp)).toBeDefined();
  });

  it("a new package (speed only) logs the session in again under the new profile; a rename does not touch it", async () => {
    const { fx, faster, ppp } = await online();
    await editCustomer(fx.owner, ppp, { name: "Renamed Only" });
    expect(await pending(fx, ppp)).toBeNull();
    expect(await fx.reconcile()).toMatchObject({ writes: 0, sessionsEnded: 0 });
    expect(pppActive(fx, ppp)).toBeDefined();

    await editCustomer(fx.owner, ppp, { packageId: faster.id });
    expect(await pending(fx, ppp)).toBe("coa");
    expect(await fx.reconcile()).toMatchObject({ sessionsEnded: 1 });
    expect(fx.ours("/ppp/secret").find((s) => s.name === ppp.username)).toMatchObject({ profile: packageProfileName(faster) });
    expect(pppActive(fx, ppp)).toBeUndefined();
  });

  it("moving an online customer to another router ends its session on the router it left", async () => {
    const { fx, ppp } = await online();
    const radius = await makeRouter(fx.owner);
    await editCustomer(fx.owner, ppp, { routerId: radius.id });
    expect(await fx.reconcile()).toMatchObject({ errors: 0, sessionsEnded: 1 });
    expect(fx.ours("/ppp/secret").find((s) => s.name === ppp.username)).toBeUndefined();
    expect(pppActive(fx, ppp)).toBeUndefined();
    expect(await syncRow(fx, ppp.id)).toBeNull();
  });

  it("\"Disconnect now\" ends an API-mode customer's session without changing its secret", async () => {
    const { fx, ppp } = await online();
    await disconnectCustomer(fx.owner, ppp.id);
    expect(await fx.reconcile()).toMatchObject({ writes: 0, sessionsEnded: 1 });
    expect(pppActive(fx, ppp)).toBeUndefined();
  });

  it("a router that does not answer keeps the change pending; it is carried out when the router is back", async () => {
    const { fx, ppp } = await online();
    await fx.sim.setDown(true);
    await editCustomer(fx.owner, ppp, { status: "SUSPENDED" });
    expect(await fx.reconcile().catch((e: unknown) => e)).toBeInstanceOf(RouterSyncError);
    expect(await pending(fx, ppp)).toBe("disconnect");
    await fx.sim.setDown(false);
    expect(await fx.reconcile()).toMatchObject({ sessionsEnded: 1 });
    expect(pppActive(fx, ppp)).toBeUndefined();
    expect(await pending(fx, ppp)).toBeNull();
  });
});

describe("through the reconcile job", () => {
  it("an unreachable router leaves a retrying run; when it returns the session is ended", async () => {
    const { fx, ppp } = await online();
    const driver: LocalDriver = await startTestDriver([reconcileRouterJob as unknown as AnyJobDefinition]);
    cleanups.push(() => driver.stop());
    const relay = () => relayTransactional((tx, rows) => driver.deliver(tx, rows.filter((r) => r.tenant_id === fx.tenantId)), 100, { names: [ROUTER_SYNC_REQUESTED] });
    const runs = () => withSystem("test: runs", (tx) => tx.jobRun.findMany({ where: { jobId: reconcileRouterJob.id, tenantId: fx.tenantId }, orderBy: { queuedAt: "asc" } }));

    await fx.sim.setDown(true);
    await editCustomer(fx.owner, ppp, { status: "SUSPENDED" });
    await relay();
    const retrying = await waitFor(async () => (await runs()).find((r) => r.status === "RETRYING"));
    expect(retrying.lastError).toContain("unreachable");
    expect(pppActive(fx, ppp)).toBeDefined();

    await fx.sim.setDown(false);
    await routerPool().close(fx.routerId);
    await waitFor(async () => (await runs()).every((r) => r.status === "COMPLETED"), 30_000);
    expect(pppActive(fx, ppp)).toBeUndefined();
    expect(fx.ours("/ppp/secret").find((s) => s.name === ppp.username)).toMatchObject({ profile: CAPTIVE_PROFILE });
    expect(await pending(fx, ppp)).toBeNull();
  });
});
