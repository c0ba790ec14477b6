// Speed changes reach a live session as a CoA-Request (RFC 5176) without cutting it: a package
// switch, the fair-use throttle and its end at renewal. A router that refuses the CoA gets a
// Disconnect-Request; one that stays silent leaves a retrying run. A UDP listener plays the router.
import { afterEach, describe, expect, it } from "vitest";
import { withSystem, withTenant } from "@/lib/db";
import { updateCustomer } from "@/lib/customers/update-customer";
import type { AnyJobDefinition } from "@/lib/jobs/define-job";
import type { LocalDriver } from "@/lib/jobs/local/local-driver";
import { relayTransactional } from "@/lib/jobs/outbox/relay";
import { startTestDriver, waitFor } from "@/lib/jobs/testing";
import { makeCustomer, makePackage, makeRouter, makeTenant, uniq } from "@/lib/testing/factories";
import { enforceDataCaps } from "./enforce-data-caps";
import { liveLimitsOf } from "./live-limits";
import { disconnectCustomerSessions } from "./radius.jobs";
import { FakeRouterCoa } from "./testing/fake-router-coa";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((f) => f()));
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

async function setup(options: { pool?: string | null; otherPool?: string | null; expiresAt?: string } = {}) {
  const t = await makeTenant();
  const home = await makePackage(t.owner, { rateDown: "10M", rateUp: "2M", ipPool: options.pool ?? undefined, dataCapGb: "1", dataCapAction: "THROTTLE", fupDown: "1M", fupUp: "512k" });
  const fast = await makePackage(t.owner, { rateDown: "50M", rateUp: "10M", ipPool: (options.otherPool === undefined ? options.pool : options.otherPool) ?? undefined });
  const router = await makeRouter(t.owner);
  const coa = await new FakeRouterCoa(router.nasIp, router.secret).start();
  cleanups.push(() => coa.stop());
  await withTenant(t.tenantId, (tx) => tx.router.update({ where: { id: router.id }, data: { coaPort: coa.port } }));
  const expiresAt = options.expiresAt ?? inDays(20);
  const customer = await makeCustomer(t.owner, { username: uniq("coa"), password: "coa-pw-1", packageId: home.id, expiresAt });
  const session = uniq("s");
  await withTenant(t.tenantId, (tx) =>
    tx.radAcct.create({
      data: { tenantId: t.tenantId, acctsessionid: session, acctuniqueid: uniq("u"), username: customer.username, nasipaddress: router.nasIp, framedipaddress: "10.9.8.7", acctstarttime: new Date() },
    }),
  );
  const driver: LocalDriver = await startTestDriver([disconnectCustomerSessions as unknown as AnyJobDefinition]);
  cleanups.push(() => driver.stop());
  const relay = () => relayTransactional((tx, rows) => driver.deliver(tx, rows), 100, { names: driver.eventNames });
  const update = (changes: { packageId?: string; status?: "ACTIVE" | "SUSPENDED"; expiresAt?: string }) =>
    updateCustomer(t.owner, { id: customer.id, name: customer.name, packageId: home.id, status: "ACTIVE", expiresAt, ...changes });
  const runs = () =>
    withSystem("test: runs", (tx) =>
      tx.jobRun.findMany({
        where: { jobId: disconnectCustomerSessions.id, tenantId: t.tenantId, payload: { path: ["customerId"], equals: customer.id } },
        include: { steps: true },
        orderBy: { queuedAt: "asc" },
      }),
    );
  const settled = (n = 1) => waitFor(async () => ((await runs()).filter((r) => r.status === "COMPLETED").length >= n ? runs() : null));
  const codes = () => coa.requests.map((r) => r.code);
  const retrying = () =>
    waitFor(async () => {
      const [r] = await runs();
      return r?.status === "RETRYING" ? r : null;
    }, 30_000);
  return { t, home, fast, router, customer, session, coa, relay, update, runs, settled, retrying, codes };
}

const rateOf = (request: { attributes: Record<string, unknown> }) => (request.attributes["Vendor-Specific"] as Record<string, unknown> | undefined)?.["Mikrotik-Rate-Limit"];

describe("CoA: speed changes on a live session", () => {
  it("a package switch sends a CoA-Request with the session and the new rate; the router's CoA-ACK completes it without a disconnect", async () => {
    const x = await setup({ pool: "pool-home" });
    await x.update({ packageId: x.fast.id });
    await x.relay();
    const [run] = await x.settled();
    expect(run!.payload).toMatchObject({ mode: "coa", reason: "packageId" });
    expect(x.codes()).toEqual(["CoA-Request"]);
    expect(x.coa.requests[0]!.attributes).toMatchObject({ "User-Name": x.customer.username, "Acct-Session-Id": x.session, "Framed-IP-Address": "10.9.8.7" });
    expect(rateOf(x.coa.requests[0]!)).toBe("10M/50M");
    expect(run!.steps.find((s) => s.stepId.startsWith("coa-"))?.output).toBe("speed changed to 10M/50M");
    const open = await withTenant(x.t.tenantId, (tx) => tx.radAcct.count({ where: { username: x.customer.username, acctstoptime: null } }));
    expect(open).toBe(1);
  });

  it("a router that answers CoA-NAK (unsupported) gets a Disconnect-Request instead", async () => {
    const x = await setup();
    x.coa.coaMode = "nak";
    await x.update({ packageId: x.fast.id });
    await x.relay();
    const [run] = await x.settled();
    expect(x.codes()).toEqual(["CoA-Request", "Disconnect-Request"]);
    expect(x.coa.requests[1]!.attributes).toMatchObject({ "User-Name": x.customer.username, "Acct-Session-Id": x.session });
    expect(run!.steps.find((s) => s.stepId.startsWith("coa-"))?.output).toBe(`${x.router.name} refused the CoA-Request (Unsupported-Attribute); disconnected`);
  });

  it("no answer to the CoA leaves a retrying run with the reason, until the router answers", async () => {
    const x = await setup();
    x.coa.coaMode = "silent";
    await x.update({ packageId: x.fast.id });
    await x.relay();
    const retrying = await x.retrying();
    expect(retrying.lastError).toContain("did not answer the CoA-Request");
    expect(x.codes().every((c) => c === "CoA-Request")).toBe(true);
    x.coa.coaMode = "ack";
    const [done] = await x.settled();
    expect(done!.attempts).toBeGreaterThanOrEqual(2);
    expect(x.codes()).not.toContain("Disconnect-Request");
  }, 60_000);

  it("a refused fallback disconnect keeps the run retrying and says both", async () => {
    const x = await setup();
    x.coa.coaMode = "nak";
    x.coa.mode = "nak";
    await x.update({ packageId: x.fast.id });
    await x.relay();
    const retrying = await x.retrying();
    expect(retrying.lastError).toContain("refused the CoA-Request (Unsupported-Attribute)");
    expect(retrying.lastError).toContain("refused the Disconnect-Request: Administratively-Prohibited");
  }, 40_000);

  it("the data cap's throttle goes as a CoA with the fair-use rate; the renewal lifts it with another CoA", async () => {
    const x = await setup();
    // Usage of the current data-cap period, as the rollup records it (usage_period, by period start).
    await withTenant(x.t.tenantId, (tx) =>
      tx.$executeRaw`INSERT INTO usage_period (tenant_id, username, period_start, bytes_in, bytes_out)
        SELECT c.tenant_id, c.username, data_cap_period_start(c.expires_at, p.validity_value, p.validity_unit, now()), 100000000, 1000000000
          FROM customers c JOIN packages p ON p.id = c.package_id WHERE c.id = ${x.customer.id}::uuid`,
    );
    expect(await enforceDataCaps(x.t.tenantId)).toEqual([x.customer.id]);
    await x.relay();
    await x.settled(1);
    expect(x.codes()).toEqual(["CoA-Request"]);
    expect(rateOf(x.coa.requests[0]!)).toBe("512k/1M");

    await x.update({ expiresAt: inDays(50) }); // a renewal: a new period, a fresh allowance
    await x.relay();
    const all = await x.settled(2);
    expect(all[1]!.payload).toMatchObject({ mode: "coa", reason: "data cap reset" });
    expect(x.codes()).toEqual(["CoA-Request", "CoA-Request"]);
    expect(rateOf(x.coa.requests[1]!)).toBe("2M/10M");
  });

  it("suspension and a switch to a package with another address pool still disconnect", async () => {
    const x = await setup({ pool: "pool-a", otherPool: "pool-b" });
    await x.update({ packageId: x.fast.id });
    await x.relay();
    const [first] = await x.settled(1);
    expect(first!.payload).toMatchObject({ mode: "disconnect" });
    expect(x.codes()).toEqual(["Disconnect-Request"]);

    await x.update({ packageId: x.fast.id, status: "SUSPENDED" });
    await x.relay();
    const all = await x.settled(2);
    expect(all[1]!.payload).toMatchObject({ mode: "disconnect", reason: "status" });
    expect(x.codes()).toEqual(["Disconnect-Request", "Disconnect-Request"]);
  });
});

describe("what a CoA may carry", () => {
  it("a customer in its package gets its package's rate; suspended or lapsed, nothing (a new login is needed)", async () => {
    const x = await setup();
    expect(await liveLimitsOf(x.t.tenantId, x.customer.id, x.customer.username)).toEqual({ rateLimit: "2M/10M", addressList: null });
    expect(await liveLimitsOf(x.t.tenantId, x.customer.id, x.customer.username, new Date(Date.now() + 30 * 86_400_000))).toBeNull();
    await x.update({ status: "SUSPENDED" });
    expect(await liveLimitsOf(x.t.tenantId, x.customer.id, x.customer.username)).toBeNull();
  });
});
