// Live effect: a change to a customer reaches its open session through the outbox, the job and a
// Disconnect-Request to the router's CoA port (a UDP listener here, playing the router).
import { afterEach, describe, expect, it } from "vitest";
import { withSystem, withTenant } from "@/lib/db";
import { updateCustomer } from "@/lib/customers/update-customer";
import type { AnyJobDefinition } from "@/lib/jobs/define-job";
import type { LocalDriver } from "@/lib/jobs/local/local-driver";
import { relayTransactional } from "@/lib/jobs/outbox/relay";
import { startTestDriver, waitFor } from "@/lib/jobs/testing";
import { makeCustomer, makePackage, makeRouter, makeTenant, uniq } from "@/lib/testing/factories";
import { disconnectCustomerSessions } from "./radius.jobs";
import { FakeRouterCoa } from "./testing/fake-router-coa";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((f) => f()));
});

async function setup() {
  const t = await makeTenant();
  const pkg = await makePackage(t.owner);
  const router = await makeRouter(t.owner);
  const coa = await new FakeRouterCoa(router.nasIp, router.secret).start();
  cleanups.push(() => coa.stop());
  await withTenant(t.tenantId, (tx) => tx.router.update({ where: { id: router.id }, data: { coaPort: coa.port } }));
  const customer = await makeCustomer(t.owner, { username: uniq("live"), password: "live-pw-1", packageId: pkg.id });
  const session = uniq("s");
  await withTenant(t.tenantId, (tx) =>
    tx.radAcct.create({
      data: { tenantId: t.tenantId, acctsessionid: session, acctuniqueid: uniq("u"), username: customer.username, nasipaddress: router.nasIp, framedipaddress: "10.1.2.3", acctstarttime: new Date() },
    }),
  );
  const driver: LocalDriver = await startTestDriver([disconnectCustomerSessions as unknown as AnyJobDefinition]);
  cleanups.push(() => driver.stop());
  const relay = () => relayTransactional((tx, rows) => driver.deliver(tx, rows), 100, { names: driver.eventNames });
  const suspend = () => updateCustomer(t.owner, { id: customer.id, name: customer.name, packageId: pkg.id, status: "SUSPENDED" });
  const run = () =>
    withSystem("test: run", (tx) => tx.jobRun.findFirst({ where: { jobId: disconnectCustomerSessions.id, tenantId: t.tenantId, payload: { path: ["customerId"], equals: customer.id } } }));
  return { t, customer, session, coa, relay, suspend, run };
}

describe("disconnect on change", () => {
  it("suspending a customer sends a Disconnect-Request with its session; the router's ACK completes the run", async () => {
    const x = await setup();
    await x.suspend();
    await x.relay();
    const done = await waitFor(async () => ((await x.run())?.status === "COMPLETED" ? x.run() : null));
    expect(done?.lastError).toBeNull();
    expect(x.coa.received).toHaveLength(1);
    expect(x.coa.received[0]).toMatchObject({ "User-Name": x.customer.username, "Acct-Session-Id": x.session, "Framed-IP-Address": "10.1.2.3" });
  });

  it("a NAK or no answer leaves a retrying run with the router's error, until the router accepts", async () => {
    const x = await setup();
    x.coa.mode = "nak";
    await x.suspend();
    await x.relay();
    const refused = await waitFor(async () => {
      const r = await x.run();
      return r?.status === "RETRYING" ? r : null;
    });
    expect(refused.lastError).toContain("refused the Disconnect-Request: Administratively-Prohibited");
    x.coa.mode = "silent";
    const silent = await waitFor(async () => {
      const r = await x.run();
      return r?.lastError?.includes("did not answer") ? r : null;
    }, 30_000);
    expect(silent.status).toBe("RETRYING");
    x.coa.mode = "ack";
    const done = await waitFor(async () => ((await x.run())?.status === "COMPLETED" ? x.run() : null), 40_000);
    expect(done!.attempts).toBeGreaterThanOrEqual(3);
  }, 90_000);

  it("a session the router no longer has is closed in accounting", async () => {
    const x = await setup();
    x.coa.mode = "gone";
    await x.suspend();
    await x.relay();
    await waitFor(async () => ((await x.run())?.status === "COMPLETED" ? true : null));
    const rows = await withTenant(x.t.tenantId, (tx) => tx.radAcct.findMany({ where: { username: x.customer.username } }));
    expect(rows[0]!.acctstoptime).not.toBeNull();
    expect(rows[0]!.acctterminatecause).toBe("Lost-Service");
  });
});
