// Logging in: both login forms, and the errors an operator sees when it cannot happen.
import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRouterPool, type RouterPool } from "../index";
import { startRouterSim, type RouterSim } from "../sim";
import { openContractRouter, realRouter, watchUncaught, type ContractRouter } from "./target";

const uncaught = watchUncaught();
let pool: RouterPool;

beforeAll(() => {
  pool = createRouterPool({ callTimeoutMs: 2_000 });
});

afterEach(async () => {
  await pool.closeAll();
});

afterAll(async () => {
  uncaught.stop();
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("against the contract router", () => {
  let router: ContractRouter;
  beforeAll(async () => {
    router = await openContractRouter();
  });
  afterAll(async () => {
    await router.close();
  });

  it("logs in and talks", async () => {
    const health = await pool.api(router.target).health();
    expect(health.version).toMatch(/^\d+\.\d+/);
  });

  it("a wrong password is kind 'auth' with a clear message", async () => {
    const error = await pool
      .api({ ...router.target, id: "wrong-password", password: "definitely-wrong-0042" })
      .identity.get()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "auth", message: "login failed: invalid user name or password", command: "/login", routerId: "wrong-password" });
  });
});

describe.skipIf(realRouter)("login forms (simulator)", () => {
  const sims: RouterSim[] = [];
  afterAll(async () => {
    await Promise.all(sims.map((s) => s.close()));
  });
  async function sim(options: Parameters<typeof startRouterSim>[0]) {
    const s = await startRouterSim(options);
    sims.push(s);
    return s;
  }

  it("pre-6.43 challenge login (node-routeros answers the MD5 challenge)", async () => {
    const s = await sim({ version: "6.42.12", users: [{ name: "admin", password: "0042" }] });
    const api = pool.api({ id: "legacy", host: s.host, port: s.port, username: "admin", password: "0042" });
    expect(await api.identity.get()).toBe("MikroTik");
    expect(s.stats().byCommand["/login"]).toBe(2); // ask for the challenge, then answer it
  });

  it("pre-6.43 with a wrong password is 'auth' too", async () => {
    const s = await sim({ version: "6.40.9", users: [{ name: "admin", password: "right" }] });
    const error = await pool
      .api({ id: "legacy-wrong", host: s.host, port: s.port, username: "admin", password: "wrong" })
      .identity.get()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "auth", message: "login failed: invalid user name or password" });
  });

  it("6.43+ login with a leading-zero password", async () => {
    const s = await sim({ users: [{ name: "0712345678", password: "0042" }] });
    const api = pool.api({ id: "modern", host: s.host, port: s.port, username: "0712345678", password: "0042" });
    expect(await api.identity.get()).toBe("MikroTik");
    expect(s.stats().byCommand["/login"]).toBe(1);
  });

  it("a router that refuses every login", async () => {
    const s = await sim({});
    s.faults.rejectLogin = true;
    const error = await pool
      .api({ id: "rejecting", host: s.host, port: s.port, username: "admin", password: "" })
      .identity.get()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "auth" });
  });

  it("a login that never gets an answer times out and the next attempt works", async () => {
    const s = await sim({});
    s.faults.dropNext = 1; // swallows /login
    const api = pool.api({ id: "hung-login", host: s.host, port: s.port, username: "admin", password: "", timeoutMs: 300 });
    const started = Date.now();
    const error = await api.identity.get().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "timeout", message: `router 127.0.0.1:${s.port}: login did not complete within 0.3s` });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(await api.identity.get()).toBe("MikroTik");
  });
});

describe("unreachable routers", () => {
  it("a refused port is 'unreachable' and says why", async () => {
    const port = await freePort();
    const error = await pool
      .api({ id: "refused", host: "127.0.0.1", port, username: "admin", password: "" })
      .identity.get()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "unreachable", message: `router 127.0.0.1:${port} unreachable (ECONNREFUSED)`, routerId: "refused" });
  });

  it("an unknown host name is 'unreachable'", async () => {
    const error = await pool
      .api({ id: "nxdomain", host: "router.invalid", port: 8728, username: "admin", password: "" })
      .identity.get()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "unreachable" });
    expect((error as Error).message).toMatch(/^router router\.invalid:8728 unreachable \((ENOTFOUND|EAI_AGAIN)\)$/);
  });

  it("a port that accepts but never speaks times out in login, within the deadline", async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const started = Date.now();
      const error = await pool
        .api({ id: "silent", host: "127.0.0.1", port, username: "admin", password: "", timeoutMs: 400 })
        .identity.get()
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: "timeout" });
      expect(Date.now() - started).toBeLessThan(1_500);
    } finally {
      silent.close();
    }
  });

  it("nothing escaped as an uncaught exception", () => {
    expect(uncaught.seen).toEqual([]);
  });
});
