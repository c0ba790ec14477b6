// A lock for non-payment through the one fan-out, seen where it bites: FreeRADIUS's answer (real
// FreeRADIUS), the live-change event for open sessions, and an API-mode router's secret (the
// RouterOS simulator). Unlocking gives the package back on each.
import { describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { CUSTOMER_NETWORK_CHANGED } from "@/lib/radius/events";
import { captiveGroup, packageGroup, rejectGroup } from "@/lib/radius/groups";
import { freeradiusInstalled } from "@/lib/radius/server/run-freeradius";
import { sharedTestFreeradius } from "@/lib/radius/testing/freeradius-fixture";
import { papAttributes, sendRadius, type RadiusAttribute } from "@/lib/radius/testing/radius-client";
import { updateRadiusSettings } from "@/lib/radius/update-radius-settings";
import { desiredState } from "@/lib/routers/provisioning/desired-state";
import { fixturesForFile, placeCustomer } from "@/lib/routers/provisioning/provisioning-fixtures";
import { makeCustomer, makePackage, makeRouter, makeTenant, uniq } from "@/lib/testing/factories";
import { activateCustomer, disableCustomer, pauseCustomer, suspendCustomer } from "./change-customer-status";
import { lockCustomer, unlockCustomer } from "./lock-customer";

const { fixture } = fixturesForFile();

async function isp() {
  const t = await makeTenant();
  const pkg = await makePackage(t.owner, { rateDown: "10M", rateUp: "2M" });
  return { t, pkg };
}

const lock = (tenantId: string, customerId: string) => withTenant(tenantId, (tx) => lockCustomer(tx, { tenantId, customerId, reason: "invoice INV-1 unpaid", actor: null }));
const unlock = (tenantId: string, customerId: string) => withTenant(tenantId, (tx) => unlockCustomer(tx, { tenantId, customerId, actor: null }));
const groupOf = (tenantId: string, username: string) => withTenant(tenantId, async (tx) => (await tx.radUserGroup.findMany({ where: { tenantId, username } })).map((g) => g.groupname));
const audits = (tenantId: string, customerId: string) =>
  withTenant(tenantId, async (tx) => (await tx.auditLog.findMany({ where: { tenantId, targetId: customerId }, orderBy: { createdAt: "asc" } })).map((a) => a.action));
const liveEvents = (tenantId: string, customerId: string) =>
  withTenant(tenantId, async (tx) =>
    (await tx.outboxEvent.findMany({ where: { tenantId, name: CUSTOMER_NETWORK_CHANGED }, orderBy: { createdAt: "asc" } }))
      .map((e) => e.data as { customerId: string; reason: string; mode?: string })
      .filter((d) => d.customerId === customerId),
  );

describe("lockCustomer / unlockCustomer", () => {
  it("moves the RADIUS group to captive (or reject), emits a disconnect, audits once; unlocking restores the package group", async () => {
    const { t, pkg } = await isp();
    const c = await makeCustomer(t.owner, { username: uniq("owes"), password: "owes-pw-1", packageId: pkg.id });
    expect(await groupOf(t.tenantId, c.username)).toEqual([packageGroup(pkg.id)]);

    const first = await lock(t.tenantId, c.id);
    expect(first.changed).toBe(true);
    expect(first.customer).toMatchObject({ status: "ACTIVE", lockReason: "invoice INV-1 unpaid" });
    expect(await groupOf(t.tenantId, c.username)).toEqual([captiveGroup(t.tenantId)]);
    expect(await liveEvents(t.tenantId, c.id)).toMatchObject([{ customerId: c.id, reason: "locked", mode: "disconnect" }]);

    // Idempotent: a second lock changes nothing, emits nothing, audits nothing.
    expect((await lock(t.tenantId, c.id)).changed).toBe(false);
    expect(await liveEvents(t.tenantId, c.id)).toHaveLength(1);

    await updateRadiusSettings(t.owner, { suspendMode: "REJECT" });
    expect(await groupOf(t.tenantId, c.username)).toEqual([rejectGroup(t.tenantId)]);

    expect((await unlock(t.tenantId, c.id)).changed).toBe(true);
    expect(await groupOf(t.tenantId, c.username)).toEqual([packageGroup(pkg.id)]);
    expect((await liveEvents(t.tenantId, c.id)).at(-1)).toMatchObject({ customerId: c.id, reason: "no longer locked", mode: "disconnect" });
    expect((await unlock(t.tenantId, c.id)).changed).toBe(false);
    expect(await audits(t.tenantId, c.id)).toEqual(["customer.create", "customer.lock", "customer.unlock"]);
  });

  it("leaves the operator's status alone: a suspended customer stays suspended after an unlock", async () => {
    const { t, pkg } = await isp();
    const c = await makeCustomer(t.owner, { username: uniq("both"), password: "both-pw-1", packageId: pkg.id });
    await lock(t.tenantId, c.id);
    await suspendCustomer(t.owner, c.id, "abuse");
    await unlock(t.tenantId, c.id);
    expect(await groupOf(t.tenantId, c.username)).toEqual([captiveGroup(t.tenantId)]);
    expect((await activateCustomer(t.owner, c.id)).status).toBe("ACTIVE");
    expect(await groupOf(t.tenantId, c.username)).toEqual([packageGroup(pkg.id)]);
  });

  it("the API-mode desired state disables the secret when locked (REJECT) and gives it back on unlock", async () => {
    const fx = await fixture();
    await updateRadiusSettings(fx.owner, { suspendMode: "REJECT" });
    const pkg = await makePackage(fx.owner, { rateDown: "10M", rateUp: "2M" });
    const c = await placeCustomer(fx, { username: uniq("api"), password: "api-pw-11", packageId: pkg.id });
    await fx.reconcile();
    const secret = () => fx.ours("/ppp/secret").find((r) => r.name === c.username);
    expect(secret()).toMatchObject({ disabled: "false" });

    await lock(fx.tenantId, c.id);
    const desired = await desiredState(fx.tenantId, fx.routerId);
    expect(desired!.items.find((i) => i.menu === "pppSecret")!.fields).toMatchObject({ disabled: "yes" });
    const sync = await withTenant(fx.tenantId, (tx) => tx.customerRouterSync.findFirst({ where: { customerId: c.id } }));
    expect(sync).toMatchObject({ state: "PENDING" });
    await fx.reconcile();
    expect(secret()).toMatchObject({ disabled: "true" });

    await unlock(fx.tenantId, c.id);
    await fx.reconcile();
    expect(secret()).toMatchObject({ disabled: "false" });
  });
});

describe("Suspend, Activate and Pause", () => {
  it("pause is out of service like a suspension; activate restores; an invalid transition is a 409", async () => {
    const { t, pkg } = await isp();
    const c = await makeCustomer(t.owner, { username: uniq("pause"), password: "pause-pw-1", packageId: pkg.id });
    expect((await pauseCustomer(t.owner, c.id)).status).toBe("PAUSED");
    expect(await groupOf(t.tenantId, c.username)).toEqual([captiveGroup(t.tenantId)]);
    expect((await liveEvents(t.tenantId, c.id)).at(-1)).toMatchObject({ mode: "disconnect" });
    expect((await activateCustomer(t.owner, c.id)).status).toBe("ACTIVE");
    expect((await activateCustomer(t.owner, c.id)).status).toBe("ACTIVE");
    expect(await groupOf(t.tenantId, c.username)).toEqual([packageGroup(pkg.id)]);
    expect((await disableCustomer(t.owner, c.id, "Moved away")).status).toBe("DISABLED");
    expect(await groupOf(t.tenantId, c.username)).toEqual([rejectGroup(t.tenantId)]);
    await expect(suspendCustomer(t.owner, c.id)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(pauseCustomer(t.owner, c.id)).rejects.toMatchObject({ code: "CONFLICT" });
    // Activate brings a disabled customer back into service.
    expect((await activateCustomer(t.owner, c.id)).status).toBe("ACTIVE");
    expect(await groupOf(t.tenantId, c.username)).toEqual([packageGroup(pkg.id)]);
    expect(await audits(t.tenantId, c.id)).toEqual(["customer.create", "customer.status.paused", "customer.status.active", "customer.status.disabled", "customer.status.active"]);
  });
});

describe.runIf(freeradiusInstalled() || process.env.CI)("a lock in real FreeRADIUS", () => {
  const server = sharedTestFreeradius();
  const auth = (attrs: RadiusAttribute[], router: { nasIp: string; secret: string }) =>
    sendRadius("Access-Request", [...attrs, ["NAS-IP-Address", router.nasIp]], { port: server().authPort, secret: router.secret, from: router.nasIp, timeoutMs: 700 });

  it("a locked customer gets the captive answer (or a reject); unlocked, its package's rate again", async () => {
    const { t, pkg } = await isp();
    const router = await makeRouter(t.owner);
    const c = await makeCustomer(t.owner, { username: uniq("frl"), password: "frl-pw-1", packageId: pkg.id });
    expect((await auth(papAttributes(c.username, "frl-pw-1"), router))?.attributes["Vendor-Specific"]).toMatchObject({ "Mikrotik-Rate-Limit": "2M/10M" });

    await lock(t.tenantId, c.id);
    const captive = await auth(papAttributes(c.username, "frl-pw-1"), router);
    expect(captive?.code).toBe("Access-Accept");
    expect(captive?.attributes["Vendor-Specific"]).toMatchObject({ "Mikrotik-Address-List": "suspended", "Mikrotik-Rate-Limit": "256k/256k" });
    await updateRadiusSettings(t.owner, { suspendMode: "REJECT" });
    expect((await auth(papAttributes(c.username, "frl-pw-1"), router))?.code).toBe("Access-Reject");

    await unlock(t.tenantId, c.id);
    const back = await auth(papAttributes(c.username, "frl-pw-1"), router);
    expect(back?.code).toBe("Access-Accept");
    expect(back?.attributes["Vendor-Specific"]).toMatchObject({ "Mikrotik-Rate-Limit": "2M/10M" });
  });
});
