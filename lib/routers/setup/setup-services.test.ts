// The doors of router setup: dry-run and start with authorization, the job through the outbox and
// the local driver (progress per step, retries while the router is down), against the simulator.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { withSystem, withTenant } from "@/lib/db";
import type { AnyJobDefinition } from "@/lib/jobs/define-job";
import type { LocalDriver } from "@/lib/jobs/local/local-driver";
import { relayTransactional } from "@/lib/jobs/outbox/relay";
import { startTestDriver, waitFor } from "@/lib/jobs/testing";
import { startRouterSim, type RouterSim } from "@/lib/routeros/sim";
import { makeOperator, makeRouter, makeTenant } from "@/lib/testing/factories";
import { routerPool } from "../router-access";
import { saveProvisioningSettings } from "../provisioning/provisioning-settings";
import { saveRouterApi } from "../router-api-settings";
import { dryRunRouterSetup } from "./dry-run-router-setup";
import { getRouterSetupProgress, getRouterSetupStatus } from "./router-setup-progress";
import { ROUTER_SETUP_JOB_ID, ROUTER_SETUP_REQUESTED } from "./setup-events";
import { routerSetupJob } from "./setup.jobs";
import { startRouterSetup } from "./start-router-setup";

const sims: RouterSim[] = [];
const cleanups: (() => Promise<void>)[] = [];
const savedEnv = { RADIUS_PUBLIC_ADDRESS: process.env.RADIUS_PUBLIC_ADDRESS, PORTAL_HOST: process.env.PORTAL_HOST };

beforeAll(() => {
  process.env.RADIUS_PUBLIC_ADDRESS = "192.0.2.10";
  process.env.PORTAL_HOST = "pay.example.net";
});
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((f) => f()));
});
afterAll(async () => {
  Object.assign(process.env, savedEnv);
  await routerPool().closeAll();
  await Promise.all(sims.map((s) => s.close()));
});

async function routerWithSim() {
  const sim = await startRouterSim({ users: [{ name: "isp-api", password: "api-pw-0042" }] });
  sims.push(sim);
  const t = await makeTenant();
  const router = await makeRouter(t.owner);
  await saveRouterApi(t.owner, router.id, { apiHost: sim.host, apiPort: String(sim.port), apiUsername: "isp-api", apiPassword: "api-pw-0042" });
  return { t, router, sim };
}

async function worker() {
  const driver: LocalDriver = await startTestDriver([routerSetupJob as unknown as AnyJobDefinition]);
  cleanups.push(() => driver.stop());
  return () => relayTransactional((tx, rows) => driver.deliver(tx, rows), 100, { names: driver.eventNames });
}

describe("router setup services and job", () => {
  it("dry-run, then Apply through the job: progress per step, setupAppliedAt, audit; a second dry-run has nothing to do", async () => {
    const { t, router, sim } = await routerWithSim();
    const relay = await worker();

    const dry = await dryRunRouterSetup(t.owner, router.id, { pppoeInterface: "ether1" });
    expect(dry.counts).toMatchObject({ add: 9, set: 2, none: 0 });
    expect(dry.interfaces).toEqual(["ether1", "ether2", "bridge"]);
    expect(dry.problems).toEqual([]);
    expect(dry.setupAppliedAt).toBeNull();
    expect(JSON.stringify(dry)).not.toContain(router.secret);
    expect(sim.stats().writes).toBe(0);

    const { requestId } = await startRouterSetup(t.owner, router.id, { pppoeInterface: "ether1" });
    expect(await getRouterSetupProgress(t.owner, router.id, requestId)).toBeNull(); // not picked up yet
    await relay();
    const progress = await waitFor(async () => {
      const p = await getRouterSetupProgress(t.owner, router.id, requestId);
      return p?.done ? p : null;
    });
    expect(progress).toMatchObject({ status: "COMPLETED", requestId, lastError: null });
    expect(progress.steps.map((s) => [s.id, s.status])).toEqual([
      ["radius", "COMPLETED"],
      ["radius-incoming", "COMPLETED"],
      ["ppp-aaa", "COMPLETED"],
      ["pppoe", "COMPLETED"],
      ["hotspot", "COMPLETED"],
      ["walled-garden", "COMPLETED"],
      ["firewall", "COMPLETED"],
      ["finish", "COMPLETED"],
    ]);
    expect(progress.steps.find((s) => s.id === "firewall")).toMatchObject({ added: 5, changed: 0 });

    // The router now holds the secret FreeRADIUS expects from it, sent from its NAS address.
    expect(sim.menu("/radius").rows()).toEqual([expect.objectContaining({ address: "192.0.2.10", secret: router.secret, "src-address": router.nasIp })]);
    const run = await withSystem("test: run", (tx) => tx.jobRun.findUniqueOrThrow({ where: { id: progress.runId }, include: { steps: true } }));
    expect(run).toMatchObject({ jobId: ROUTER_SETUP_JOB_ID, tenantId: t.tenantId, progressDone: 8, progressTotal: 8 });
    expect(JSON.stringify(run)).not.toContain(router.secret);

    const stored = await withTenant(t.tenantId, (tx) => tx.router.findUniqueOrThrow({ where: { id: router.id } }));
    expect(stored.setupAppliedAt).toBeInstanceOf(Date);
    const audit = await withTenant(t.tenantId, (tx) => tx.auditLog.findMany({ where: { targetId: router.id, action: { startsWith: "router.setup" } }, orderBy: { createdAt: "asc" } }));
    expect(audit.map((a) => [a.action, a.actorKind])).toEqual([
      ["router.setup_requested", "OPERATOR"],
      ["router.setup_applied", "SYSTEM"],
    ]);
    expect(audit[1]!.after).toMatchObject({ requestId, added: 9, changed: 2 });

    const status = await getRouterSetupStatus(t.owner, router.id);
    expect(status).toMatchObject({ setupAppliedAt: stored.setupAppliedAt!.toISOString(), latest: { runId: progress.runId, status: "COMPLETED" } });
    expect((await dryRunRouterSetup(t.owner, router.id, { pppoeInterface: "ether1" })).counts).toMatchObject({ add: 0, set: 0 });

    // Applying again changes nothing on the router.
    sim.resetStats();
    const second = await startRouterSetup(t.owner, router.id);
    await relay();
    await waitFor(async () => (await getRouterSetupProgress(t.owner, router.id, second.requestId))?.status === "COMPLETED");
    expect(sim.stats().writes).toBe(0);
  });

  it("a router that is down leaves the run retrying with the reason on its step; it completes once the router is back", async () => {
    const { t, router, sim } = await routerWithSim();
    const relay = await worker();
    await sim.setDown(true);
    const { requestId } = await startRouterSetup(t.owner, router.id);
    await relay();
    const retrying = await waitFor(async () => {
      const p = await getRouterSetupProgress(t.owner, router.id, requestId);
      return p?.status === "RETRYING" ? p : null;
    });
    expect(retrying.lastError).toMatch(/RADIUS client for PPP and hotspot: could not read the router: router 127\.0\.0\.1:\d+ unreachable/);
    expect(retrying.steps[0]).toMatchObject({ id: "radius", status: "FAILED", error: expect.stringContaining("unreachable") });

    await sim.setDown(false);
    await routerPool().close(router.id); // let the next attempt through a breaker the failures opened
    const done = await waitFor(async () => {
      const p = await getRouterSetupProgress(t.owner, router.id, requestId);
      return p?.done ? p : null;
    }, 60_000);
    expect(done.status).toBe("COMPLETED");
    expect(done.attempts).toBeGreaterThanOrEqual(2);
    expect(done.steps.every((s) => s.status === "COMPLETED")).toBe(true);
    expect(sim.menu("/radius").rows()).toHaveLength(1);
  }, 90_000);

  it("a router refusing a value (an interface it does not have) fails the run at once, without retries", async () => {
    const { t, router } = await routerWithSim();
    const relay = await worker();
    const { requestId } = await startRouterSetup(t.owner, router.id, { pppoeInterface: "ether9" });
    await relay();
    const failed = await waitFor(async () => {
      const p = await getRouterSetupProgress(t.owner, router.id, requestId);
      return p?.done ? p : null;
    });
    expect(failed).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(failed.steps.find((s) => s.id === "pppoe")).toMatchObject({ status: "FAILED", error: expect.stringContaining("ether9") });
  });

  it("refuses operators without routers:manage, other ISPs' routers and routers without API access", async () => {
    const { t, router } = await routerWithSim();
    const manager = await makeOperator(t.owner, "MANAGER");
    const reseller = await makeOperator(t.owner, "RESELLER");
    for (const actor of [manager.actor, reseller.actor]) {
      await expect(dryRunRouterSetup(actor, router.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(startRouterSetup(actor, router.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(getRouterSetupStatus(reseller.actor, router.id)).rejects.toMatchObject({ code: "FORBIDDEN" });

    const other = await makeTenant();
    await expect(dryRunRouterSetup(other.owner, router.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(startRouterSetup(other.owner, router.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getRouterSetupStatus(other.owner, router.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getRouterSetupProgress(other.owner, router.id, crypto.randomUUID())).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(dryRunRouterSetup(t.owner, "not-a-uuid")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(startRouterSetup(t.owner, crypto.randomUUID())).rejects.toMatchObject({ code: "NOT_FOUND" });

    const noApi = await makeRouter(t.owner);
    await expect(dryRunRouterSetup(t.owner, noApi.id)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(startRouterSetup(t.owner, noApi.id)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(dryRunRouterSetup(t.owner, router.id, { pppoeInterface: "ether1,ether2" })).rejects.toThrow(/interface name/);

    // Nothing was queued by any refused call.
    const events = await withSystem("test: outbox", (tx) => tx.outboxEvent.count({ where: { tenantId: { in: [t.tenantId, other.tenantId] }, name: ROUTER_SETUP_REQUESTED } }));
    expect(events).toBe(0);
  });

  it("an API-mode router with a static customers' interface gets their rules, and says so; in RADIUS mode it does not", async () => {
    const { t, router, sim } = await routerWithSim();
    await saveProvisioningSettings(t.owner, router.id, { allowedAddressList: "paid", arpInterface: "bridge" });
    const staticRules = async () => {
      const dry = await dryRunRouterSetup(t.owner, router.id);
      return { dry, items: dry.steps.find((s) => s.id === "firewall")!.changes.map((c) => c.item).filter((i) => i.includes("not in paid")) };
    };
    expect((await staticRules()).items).toEqual([]);

    await saveRouterApi(t.owner, router.id, { apiHost: sim.host, apiPort: String(sim.port), apiUsername: "isp-api", apiPassword: "api-pw-0042", mode: "API" });
    const { dry, items } = await staticRules();
    expect(items).toEqual(["Allow DNS (UDP) from bridge not in paid", "Allow DNS (TCP) from bridge not in paid", "Allow the portal from bridge not in paid", "Drop everything else from bridge not in paid"]);
    expect(dry.warnings).toContainEqual(expect.stringContaining("only addresses in paid get through"));
  });

  it("will not start with a RADIUS address routers cannot use, and says why", async () => {
    const { t, router } = await routerWithSim();
    process.env.RADIUS_PUBLIC_ADDRESS = "radius.example.net";
    try {
      await expect(startRouterSetup(t.owner, router.id)).rejects.toMatchObject({ code: "BAD_REQUEST", userMessage: expect.stringContaining("RADIUS_PUBLIC_ADDRESS must be an IP address") });
      expect((await dryRunRouterSetup(t.owner, router.id)).problems).toEqual([expect.stringContaining("RADIUS_PUBLIC_ADDRESS")]);
    } finally {
      process.env.RADIUS_PUBLIC_ADDRESS = "192.0.2.10";
    }
  });
});
