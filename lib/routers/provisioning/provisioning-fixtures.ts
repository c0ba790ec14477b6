// Test fixtures: an ISP with an API-mode router played by the RouterOS simulator, reached
// through the production adapter, and customers placed on it.
import { afterAll } from "vitest";
import type { OperatorActor } from "@/lib/audit/actor";
import { updateCustomer } from "@/lib/customers/update-customer";
import type { CreateCustomerInput, UpdateCustomerInput } from "@/lib/customers/customers.schema";
import { withTenant } from "@/lib/db";
import { createRouterPool, type RouterPool } from "@/lib/routeros";
import { startRouterSim, type RouterSim, type SimRow } from "@/lib/routeros/sim";
import { makeCustomer, makePackage, makeRouter, makeTenant } from "@/lib/testing/factories";
import { routerPool } from "../router-access";
import { saveRouterApi } from "../router-api-settings";
import { saveProvisioningSettings } from "./provisioning-settings";
import { reconcileRouter } from "./reconcile-router";
import { requestRouterSync } from "./request-router-sync";

export interface ApiRouterFixture {
  sim: RouterSim;
  pool: RouterPool;
  tenantId: string;
  owner: OperatorActor;
  routerId: string;
  reconcile(): ReturnType<typeof reconcileRouter>;
  /** Rows of a simulated menu carrying a tag of ours (others left out). */
  ours(path: string): SimRow[];
  close(): Promise<void>;
}

export async function apiRouterFixture(): Promise<ApiRouterFixture> {
  const sim = await startRouterSim({ identity: "Prov-Sim", users: [{ name: "isp-api", password: "api-pass-0042" }] });
  const t = await makeTenant();
  const router = await makeRouter(t.owner);
  await saveRouterApi(t.owner, router.id, { apiHost: sim.host, apiPort: String(sim.port), apiUsername: "isp-api", apiPassword: "api-pass-0042", mode: "API" });
  await saveProvisioningSettings(t.owner, router.id, { allowedAddressList: "allowed", arpInterface: "bridge", dhcpServer: "all" });
  // A pool of the test's own: a short breaker so a router brought back is tried again at once.
  const pool = createRouterPool({ callTimeoutMs: 5_000, breaker: { failures: 100, coolDownMs: 50 } });
  return {
    sim,
    pool,
    tenantId: t.tenantId,
    owner: t.owner,
    routerId: router.id,
    reconcile: () => reconcileRouter(t.tenantId, router.id, { pool }),
    // Hotspot user profiles have no comment: every one but the built-in default is ours in these tests.
    ours: (path) => sim.menu(path).find((r) => (path === "/ip/hotspot/user/profile" ? r.default !== "true" : /isp:(cust|pkg)=/.test(r.comment ?? ""))),
    close: async () => {
      await pool.closeAll();
      await sim.close();
    },
  };
}

/**
 * fixture() for a test file: each one, and whatever the file adds to `cleanups` (job drivers),
 * is closed after the file's tests, then the process's router pool.
 */
export function fixturesForFile(): { fixture(): Promise<ApiRouterFixture>; cleanups: (() => Promise<unknown>)[] } {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
    await routerPool().closeAll();
  });
  return {
    cleanups,
    fixture: async () => {
      const fx = await apiRouterFixture();
      cleanups.push(() => fx.close());
      return fx;
    },
  };
}

export function makeStaticPackage(actor: OperatorActor, overrides: Record<string, unknown> = {}) {
  return makePackage(actor, { connectionTypes: ["PPPOE", "HOTSPOT", "STATIC"], ...overrides });
}

export type PlacedCustomer = { id: string; username: string; input: CreateCustomerInput & { name: string } };

/** A customer created through the services and put on the fixture's router (as its page would). */
export async function placeCustomer(fx: ApiRouterFixture, input: Partial<CreateCustomerInput>): Promise<PlacedCustomer> {
  const full = { name: "Test Customer", ...input } as CreateCustomerInput & { name: string };
  const c = await makeCustomer(fx.owner, full);
  await withTenant(fx.tenantId, async (tx) => {
    await tx.customer.update({ where: { id: c.id }, data: { routerId: fx.routerId } });
    await requestRouterSync(tx, fx.tenantId, { routerIds: [fx.routerId], customerIds: [c.id], reason: "test: placed" });
  });
  return { id: c.id, username: c.username, input: { ...full, username: c.username } };
}

/** updateCustomer with the customer's other fields as they were created. */
export function editCustomer(actor: OperatorActor, c: PlacedCustomer, changes: Partial<UpdateCustomerInput>) {
  const { username: _u, password: _p, ...rest } = c.input;
  return updateCustomer(actor, { ...rest, id: c.id, status: "ACTIVE", ...changes } as UpdateCustomerInput);
}

export function syncRow(fx: ApiRouterFixture, customerId: string) {
  return withTenant(fx.tenantId, (tx) => tx.customerRouterSync.findUnique({ where: { customerId_routerId: { customerId, routerId: fx.routerId } } }));
}

export function routerRow(fx: ApiRouterFixture) {
  return withTenant(fx.tenantId, (tx) => tx.router.findUniqueOrThrow({ where: { id: fx.routerId } }));
}
