// Who may change routers, asked of the services directly (not through the UI): staff with
// routers:manage only. A manager sees routers and their health, and is refused every change,
// every action on the router itself, and every reconcile request. Another ISP's owner finds no
// such router.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, it } from "vitest";
import type { OperatorActor } from "@/lib/audit/actor";
import { expectRefused, makeCast, type Cast } from "@/lib/testing/authz";
import { makeCustomer, makeRouter, uniq, uniqueLoopback } from "@/lib/testing/factories";
import { disconnectRouterSession, removeCustomerLimit, setCustomerLimit } from "./live";
import { removeRouterApi, saveRouterApi } from "./router-api-settings";
import { testRouterConnection } from "./router-health";
import { verifyRouter } from "./verify-router";
import { createRouter, rotateRouterSecret, updateRouter } from "./save-router";
import { saveProvisioningSettings } from "./provisioning/provisioning-settings";
import { resolveAllDrift, resolveDrift } from "./provisioning/resolve-drift";
import { requestSyncNow } from "./provisioning/sync-now";
import { dryRunRouterSetup } from "./setup/dry-run-router-setup";
import { startRouterSetup } from "./setup/start-router-setup";

let c: Cast;
let routerId: string;
let customerId: string;
beforeAll(async () => {
  c = await makeCast();
  routerId = (await makeRouter(c.owner)).id;
  // API access saved, so a refusal cannot hide behind "this router has no API access".
  await saveRouterApi(c.owner, routerId, { apiHost: "127.0.0.1", apiPort: "1", apiUsername: "api", apiPassword: "secret", mode: "RADIUS" });
  customerId = (await makeCustomer(c.owner)).id;
});

const writes: Record<string, (actor: OperatorActor) => Promise<unknown>> = {
  createRouter: (a) => createRouter(a, { name: uniq("Router "), nasIp: uniqueLoopback() }),
  updateRouter: (a) => updateRouter(a, routerId, { name: "Renamed", nasIp: uniqueLoopback(), status: "DISABLED" }),
  rotateRouterSecret: (a) => rotateRouterSecret(a, routerId),
  verifyRouter: (a) => verifyRouter(a, routerId),
  saveRouterApi: (a) => saveRouterApi(a, routerId, { apiHost: "10.9.9.9", apiUsername: "evil", apiPassword: "x", mode: "API" }),
  removeRouterApi: (a) => removeRouterApi(a, routerId),
  testRouterConnection: (a) => testRouterConnection(a, routerId),
  saveProvisioningSettings: (a) => saveProvisioningSettings(a, routerId, { allowedAddressList: "evil", arpInterface: "", dhcpServer: "", hotspotServer: "" }),
  resolveDrift: (a) => resolveDrift(a, { routerId, key: "ppp-secret:x", action: "accept" }),
  resolveAllDrift: (a) => resolveAllDrift(a, routerId, "accept"),
  requestSyncNow: (a) => requestSyncNow(a, routerId),
  startRouterSetup: (a) => startRouterSetup(a, routerId),
  dryRunRouterSetup: (a) => dryRunRouterSetup(a, routerId),
  disconnectRouterSession: (a) => disconnectRouterSession(a, routerId, "ppp", "*1"),
  setCustomerLimit: (a) => setCustomerLimit(a, routerId, { customerId, download: "1k", upload: "1k" }),
  removeCustomerLimit: (a) => removeCustomerLimit(a, routerId, "*1"),
};

describe("router writes refuse every role without routers:manage", () => {
  for (const [name, call] of Object.entries(writes)) {
    for (const role of ["manager", "reseller", "subReseller"] as const) {
      it(`${name} refuses a ${role}`, async () => {
        await expectRefused(() => call(c[role]), [c.tenantId], ["FORBIDDEN"]);
      });
    }
  }
});

describe("another ISP's owner finds no such router", () => {
  const notFound = Object.keys(writes).filter((n) => !["createRouter", "startRouterSetup", "dryRunRouterSetup", "setCustomerLimit"].includes(n));
  for (const name of notFound) {
    it(name, async () => {
      await expectRefused(() => writes[name]!(c.stranger), [c.tenantId, c.strangerTenantId], ["NOT_FOUND"]);
    });
  }

  it("setCustomerLimit: nor the customer", async () => {
    await expectRefused(() => setCustomerLimit(c.stranger, randomUUID(), { customerId, download: "1k", upload: "1k" }), [c.tenantId, c.strangerTenantId], ["NOT_FOUND"]);
  });
});
