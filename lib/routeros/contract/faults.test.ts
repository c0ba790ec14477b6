// The network misbehaving, injected by the simulator: hung and lost replies, cut connections,
// !fatal, replies split at awkward bytes, idle sockets, a router that goes down. Every call must
// settle within its deadline with a clear error, and the next call must work.
import { afterEach, describe, expect, it } from "vitest";
import { createRouterPool, isRouterOsError, type RouterPool, type RouterPoolOptions, type RouterTarget } from "../index";
import { startRouterSim, type RouterSim, type RouterSimOptions } from "../sim";
import { realRouter, sleep, watchUncaught } from "./target";

let opened: { sim: RouterSim; pool: RouterPool }[] = [];

afterEach(async () => {
  for (const { sim, pool } of opened) {
    await pool.closeAll();
    await sim.close();
  }
  opened = [];
});

async function setup(poolOptions: RouterPoolOptions = {}, simOptions: RouterSimOptions = {}, targetOptions: Partial<RouterTarget> = {}) {
  const sim = await startRouterSim(simOptions);
  const pool = createRouterPool({ callTimeoutMs: 2_000, ...poolOptions });
  opened.push({ sim, pool });
  const target: RouterTarget = { id: "r1", host: sim.host, port: sim.port, username: "admin", password: "", ...targetOptions };
  return { sim, pool, target, api: pool.api(target) };
}

function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => error,
  );
}

describe.skipIf(realRouter)("faults", () => {
  const uncaught = watchUncaught();

  it("a hung command times out within its deadline; the next call reconnects", async () => {
    const { sim, api } = await setup({}, {}, { timeoutMs: 300 });
    await api.identity.get();
    sim.faults.dropNext = 1;
    const started = Date.now();
    const error = await failure(api.pppSecrets.list());
    const elapsed = Date.now() - started;
    expect(error).toMatchObject({ kind: "timeout", command: "/ppp/secret/print", message: `router 127.0.0.1:${sim.port}: no answer to /ppp/secret/print within 0.3s` });
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1_000);
    expect(await api.pppSecrets.list()).toEqual([]);
    expect(sim.stats().connections).toBe(2); // the hung session was dropped, not reused
  });

  it("a lost reply to a write times out; the write happened, and upsert converges", async () => {
    const { sim, api } = await setup({}, {}, { timeoutMs: 300 });
    await api.identity.get();
    sim.faults.dropNextApplied = 1; // the add is applied, its reply lost
    expect(await failure(api.pppSecrets.add({ name: "0700000001", password: "0042" }))).toMatchObject({ kind: "timeout" });
    expect(await api.pppSecrets.upsertBy("name", { name: "0700000001", password: "0042" })).toMatchObject({ action: "unchanged" });
  });

  it("late replies after a timeout cannot reach later calls", async () => {
    const { sim, api } = await setup({}, {}, { timeoutMs: 200 });
    await api.identity.get();
    sim.faults.delayMs = 400; // every reply arrives after the deadline
    expect(await failure(api.pppProfiles.list())).toMatchObject({ kind: "timeout" });
    sim.faults.delayMs = 0;
    // the next call gets its own answer, not the late profile list
    expect(await api.identity.get()).toBe("MikroTik");
    await sleep(300);
    expect(await api.pppSecrets.list()).toEqual([]);
  });

  it("a cut connection fails the call clearly; the next call reconnects", async () => {
    const { sim, api } = await setup();
    await api.identity.get();
    sim.faults.cutNext = 1;
    const error = await failure(api.pppSecrets.list());
    expect(error).toMatchObject({ kind: "closed", command: "/ppp/secret/print" });
    expect((error as Error).message).toMatch(new RegExp(`^(connection to router 127\\.0\\.0\\.1:${sim.port} lost \\(\\w+\\)|router 127\\.0\\.0\\.1:${sim.port} closed the connection) \\(during /ppp/secret/print\\)$`));
    expect(await api.pppSecrets.list()).toEqual([]);
    expect(sim.stats().connections).toBe(2);
  });

  it("!fatal fails the call with the router's words; the next call reconnects", async () => {
    const { sim, api } = await setup();
    await api.identity.get();
    sim.faults.fatalNext = 1;
    const error = await failure(api.queues.list());
    expect(error).toMatchObject({ kind: "fatal", detail: "simulated fatal error" });
    expect((error as Error).message).toBe(`router 127.0.0.1:${sim.port} ended the session: simulated fatal error (during /queue/simple/print)`);
    expect(await api.queues.list()).toEqual([]);
  });

  it("when the connection dies, every call pending on it settles at once", async () => {
    const { sim, api } = await setup({ callTimeoutMs: 5_000 });
    await api.identity.get();
    sim.faults.delayMs = 300;
    const pending = [api.pppSecrets.list(), api.queues.list(), api.health(), api.interfaces.list()].map(failure);
    await sleep(50);
    sim.faults.delayMs = 0;
    sim.faults.cutNext = 1;
    const started = Date.now();
    const errors = await Promise.all([...pending, failure(api.arp.list())]);
    expect(Date.now() - started).toBeLessThan(1_000);
    for (const error of errors) expect(isRouterOsError(error, "closed")).toBe(true);
    expect(await api.identity.get()).toBe("MikroTik");
  });

  it("replies split one byte at a time, or at odd sizes, read the same", async () => {
    const { sim, api } = await setup({ callTimeoutMs: 10_000 });
    // comments from 11 to 160 bytes: words on both sides of the 1- and 2-byte length boundary
    for (let i = 0; i < 30; i++) sim.menu("/ppp/secret").add({ name: `07${String(i).padStart(8, "0")}`, password: `00${i}`, comment: `isp:cust=${i} ${"x".repeat(i * 5)}` });
    const expected = await api.pppSecrets.list();
    expect(expected).toHaveLength(30);
    for (const split of [true, [1, 2, 3, 7], [2], [127, 1, 128, 16383]] as const) {
      sim.faults.splitWrites = split === true ? true : [...split];
      expect(await api.pppSecrets.list()).toEqual(expected);
      expect(await api.pppSecrets.find({ name: "0700000007" })).toMatchObject([{ password: "007" }]);
      expect(await api.hotspotActive.list()).toEqual([]); // !empty, split too
    }
  });

  it("an idle connection is kept alive past the socket's idle timeout", async () => {
    const { sim, api } = await setup({ keepaliveSeconds: 1 });
    await api.identity.get();
    await sleep(3_000); // node-routeros's idle timer is 2 s here
    expect(await api.identity.get()).toBe("MikroTik");
    expect(sim.stats().connections).toBe(1);
  });

  it("an idle connection that dies is replaced on next use, without an uncaught error", async () => {
    const { sim, api } = await setup({ keepaliveSeconds: 1 });
    await api.identity.get();
    sim.faults.cutNext = 1; // the next keepalive is cut
    await sleep(1_800);
    expect(sim.stats().openConnections).toBe(0);
    expect(await api.identity.get()).toBe("MikroTik");
    expect(sim.stats().connections).toBe(2);
  });

  it("closes connections nobody uses, and reopens on demand", async () => {
    const { sim, api, pool } = await setup({ idleCloseMs: 200 });
    await api.identity.get();
    expect(pool.status("r1")?.connected).toBe(true);
    await sleep(600);
    expect(pool.status("r1")?.connected).toBe(false);
    expect(sim.stats().openConnections).toBe(0);
    expect(await api.identity.get()).toBe("MikroTik");
    expect(sim.stats().connections).toBe(2);
  });

  it("keeps a connection with a running stream open past the idle limit", async () => {
    const { sim, api, pool } = await setup({ idleCloseMs: 200 });
    let samples = 0;
    const stream = api.watchTraffic("ether1", () => samples++);
    await sleep(1_300);
    expect(pool.status("r1")?.connected).toBe(true);
    expect(samples).toBeGreaterThanOrEqual(2);
    await stream.stop();
    await sleep(500);
    expect(pool.status("r1")?.connected).toBe(false);
    expect(sim.stats().connections).toBe(1);
  });

  it("closing a router's connection fails its pending calls with kind 'closed'", async () => {
    const { sim, api, pool } = await setup();
    await api.identity.get();
    sim.faults.delayMs = 300;
    const pending = failure(api.pppSecrets.list());
    await sleep(50);
    await pool.close("r1");
    expect(await pending).toMatchObject({ kind: "closed", message: `connection to router 127.0.0.1:${sim.port} was closed (during /ppp/secret/print)` });
    sim.faults.delayMs = 0;
    expect(await api.identity.get()).toBe("MikroTik");
  });

  it("circuit breaker: opens after K unreachable attempts, fails fast, then half-opens", async () => {
    const { sim, api, pool } = await setup({ breaker: { failures: 2, coolDownMs: 400 } });
    await api.identity.get();
    await sim.setDown(true);
    await sleep(50); // the pooled session sees its socket cut
    expect(pool.status("r1")?.connected).toBe(false);
    expect(await failure(api.identity.get())).toMatchObject({ kind: "unreachable" });
    expect(pool.status("r1")?.breaker).toBe("closed");
    expect(await failure(api.identity.get())).toMatchObject({ kind: "unreachable" });
    expect(pool.status("r1")?.breaker).toBe("open");
    const started = Date.now();
    const fast = await failure(api.identity.get());
    expect(Date.now() - started).toBeLessThan(100); // no connection attempt
    expect(fast).toMatchObject({ kind: "circuit-open" });
    expect((fast as Error).message).toBe(`router 127.0.0.1:${sim.port}: 2 failed attempts in a row, not retrying for 1s`);

    // half-open with the router still down: one trial, which fails and opens it again
    await sleep(450);
    expect(pool.status("r1")?.breaker).toBe("half-open");
    expect(await failure(api.identity.get())).toMatchObject({ kind: "unreachable" });
    expect(pool.status("r1")?.breaker).toBe("open");

    // half-open with the router back: the trial succeeds and closes it
    await sim.setDown(false);
    await sleep(450);
    expect(await api.identity.get()).toBe("MikroTik");
    expect(pool.status("r1")?.breaker).toBe("closed");
  });

  it("a trap or a login refusal is an answer: it does not open the breaker", async () => {
    const { api, pool } = await setup({ breaker: { failures: 1, coolDownMs: 60_000 } });
    for (let i = 0; i < 3; i++) await failure(api.pppSecrets.add({ name: "dup" }).then(() => api.pppSecrets.add({ name: "dup" })));
    expect(pool.status("r1")?.breaker).toBe("closed");
  });

  it("many parallel calls share the one pooled connection and each gets its own answer", async () => {
    const { sim, api } = await setup({}, {});
    sim.faults.splitWrites = [3, 5, 7];
    const names = Array.from({ length: 60 }, (_, i) => `07${String(i).padStart(8, "0")}`);
    const ids = await Promise.all(names.map((name, i) => api.pppSecrets.add({ name, password: `00${i}` })));
    expect(new Set(ids).size).toBe(60);
    const found = await Promise.all(names.map((name) => api.pppSecrets.find({ name })));
    found.forEach((rows, i) => expect(rows).toMatchObject([{ id: ids[i], name: names[i], password: `00${i}` }]));
    const mixed = await Promise.all([api.health(), api.pppSecrets.list(), api.interfaces.list(), api.hotspotActive.list(), api.pppAaa.get()]);
    expect(mixed[1]).toHaveLength(60);
    expect(mixed[3]).toEqual([]);
    expect(sim.stats().connections).toBe(1);
  });

  it("new credentials for a router get a new connection", async () => {
    const { sim, pool, target } = await setup({}, { users: [{ name: "admin", password: "" }, { name: "ops", password: "0042" }] });
    await pool.api(target).identity.get();
    await pool.api({ ...target, username: "ops", password: "0042" }).identity.get();
    expect(sim.stats().connections).toBe(2);
    await sleep(50);
    expect(sim.stats().openConnections).toBe(1); // the old session was closed
  });

  it("nothing escaped as an uncaught exception", () => {
    uncaught.stop();
    expect(uncaught.seen).toEqual([]);
  });
});
