// API access and health against the RouterOS simulator, through the production adapter.
import { afterAll, describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { startRouterSim, type RouterSim } from "@/lib/routeros/sim";
import { makeOperator, makeRouter, makeTenant } from "@/lib/testing/factories";
import { flushRouterLog, routerPool } from "./router-access";
import { removeRouterApi, saveRouterApi } from "./router-api-settings";
import { checkAllRouters, testRouterConnection } from "./router-health";

const sims: RouterSim[] = [];
afterAll(async () => {
  await routerPool().closeAll();
  await Promise.all(sims.map((s) => s.close()));
});

async function routerWithSim(options: { password?: string } = {}) {
  const sim = await startRouterSim({ identity: "Sim-Health", users: [{ name: "isp-api", password: options.password ?? "s3cret-0042" }] });
  sims.push(sim);
  const t = await makeTenant();
  const router = await makeRouter(t.owner);
  await saveRouterApi(t.owner, router.id, { apiHost: sim.host, apiPort: String(sim.port), apiUsername: "isp-api", apiPassword: options.password ?? "s3cret-0042" });
  return { t, router, sim };
}

describe("router API access and health", () => {
  it("stores the password sealed, never shows it, and answers Test connection with identity, version and load", async () => {
    const { t, router } = await routerWithSim();
    const stored = await withTenant(t.tenantId, (tx) => tx.router.findUniqueOrThrow({ where: { id: router.id } }));
    expect(stored.apiPasswordEnc).toBeTruthy();
    expect(stored.apiPasswordEnc).not.toContain("s3cret");

    const result = await testRouterConnection(t.owner, router.id);
    expect(result).toMatchObject({ ok: true, identity: "Sim-Health" });
    if (result.ok) expect(result.version).toMatch(/^7\./);
    const after = await withTenant(t.tenantId, (tx) => tx.router.findUniqueOrThrow({ where: { id: router.id }, include: { healthChecks: true } }));
    expect(after).toMatchObject({ health: "ONLINE", identity: "Sim-Health", healthError: null });
    expect(after.healthChecks).toHaveLength(1);

    await flushRouterLog();
    const log = await withTenant(t.tenantId, (tx) => tx.routerApiLog.findMany({ where: { routerId: router.id } }));
    expect(log.length).toBeGreaterThan(0);
    expect(log.every((l) => l.ok)).toBe(true);
    expect(log.map((l) => `${l.command} ${l.message ?? ""}`).join("\n")).not.toContain("s3cret");
  });

  it("a router that is down is OFFLINE with the reason, and ONLINE again when it returns", async () => {
    const { t, router, sim } = await routerWithSim();
    await sim.setDown(true);
    const down = await testRouterConnection(t.owner, router.id);
    expect(down).toMatchObject({ ok: false, errorKind: "unreachable" });
    expect((await withTenant(t.tenantId, (tx) => tx.router.findUniqueOrThrow({ where: { id: router.id } }))).health).toBe("OFFLINE");
    await sim.setDown(false);
    await routerPool().close(router.id); // a breaker opened by the failure would otherwise wait its cool-down
    expect(await testRouterConnection(t.owner, router.id)).toMatchObject({ ok: true });
  });

  it("a wrong password is an auth failure, not a crash", async () => {
    const { t, router } = await routerWithSim();
    await saveRouterApi(t.owner, router.id, { apiHost: "127.0.0.1", apiPort: String(sims.at(-1)!.port), apiUsername: "isp-api", apiPassword: "wrong" });
    expect(await testRouterConnection(t.owner, router.id)).toMatchObject({ ok: false, errorKind: "auth" });
  });

  it("the health job checks every router with API access and records history", async () => {
    const a = await routerWithSim();
    const b = await routerWithSim();
    await b.sim.setDown(true);
    const summary = await checkAllRouters();
    expect(summary.checked).toBeGreaterThanOrEqual(2);
    const health = async (x: typeof a) => (await withTenant(x.t.tenantId, (tx) => tx.router.findUniqueOrThrow({ where: { id: x.router.id } }))).health;
    expect(await health(a)).toBe("ONLINE");
    expect(await health(b)).toBe("OFFLINE");
  });

  it("only routers:manage may change or test API access; removing it clears the credentials", async () => {
    const { t, router } = await routerWithSim();
    const manager = await makeOperator(t.owner, "MANAGER");
    await expect(testRouterConnection(manager.actor, router.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(saveRouterApi(manager.actor, router.id, { apiHost: "10.0.0.1", apiUsername: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const other = await makeTenant();
    await expect(testRouterConnection(other.owner, router.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(saveRouterApi(t.owner, router.id, { apiHost: "not a host!", apiUsername: "" })).rejects.toThrow();
    await removeRouterApi(t.owner, router.id);
    const cleared = await withTenant(t.tenantId, (tx) => tx.router.findUniqueOrThrow({ where: { id: router.id } }));
    expect(cleared).toMatchObject({ apiHost: null, apiUsername: null, apiPasswordEnc: null });
  });
});
