import net from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startRouterSim, type RouterSim } from "./index";
import { RawClient, rowsOf, typesOf } from "./raw-client";

let sim: RouterSim;
const clients: RawClient[] = [];

async function login(): Promise<RawClient> {
  const c = await RawClient.login(sim.port);
  clients.push(c);
  return c;
}

beforeEach(async () => {
  sim = await startRouterSim();
  for (let i = 1; i <= 30; i++) sim.menu("/ppp/secret").add({ name: `user${i}`, password: "p".repeat(i * 7), comment: "x".repeat(i * 13) });
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await sim.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("fault injection", () => {
  it("dropNext: the command is neither executed nor answered; later ones are", async () => {
    const c = await login();
    sim.faults.dropNext = 1;
    await expect(c.command(["/ppp/secret/add", "=name=ghost"], 300)).rejects.toThrow("no matching reply");
    expect(sim.menu("/ppp/secret").get("ghost")).toBeUndefined();
    expect(sim.faults.dropNext).toBe(0);
    expect(typesOf(await c.command(["/ppp/secret/add", "=name=real"]))).toEqual(["!done"]);
  });

  it("dropNextApplied: the command is executed but its reply is lost", async () => {
    const c = await login();
    sim.faults.dropNextApplied = 1;
    await expect(c.command(["/ppp/secret/add", "=name=lost-reply"], 300)).rejects.toThrow("no matching reply");
    expect(sim.menu("/ppp/secret").get("lost-reply")).toBeDefined();
  });

  it("cutNext: the connection is destroyed as the command arrives", async () => {
    const c = await login();
    sim.faults.cutNext = 1;
    c.send(["/ppp/secret/add", "=name=cut", ".tag=x"]);
    await c.waitClose();
    expect(c.replies.filter((r) => r.tag === "x")).toEqual([]);
    expect(sim.menu("/ppp/secret").get("cut")).toBeUndefined();
    expect(typesOf(await (await login()).command(["/system/identity/print"]))).toEqual(["!re", "!done"]);
  });

  it("fatalNext: !fatal, then the socket closes", async () => {
    const c = await login();
    sim.faults.fatalNext = 1;
    c.send(["/ppp/secret/print", ".tag=f"]);
    const fatal = await c.waitFor((r) => r.type === "!fatal");
    expect(fatal.words[0]).toBe("!fatal");
    expect(fatal.tag).toBeUndefined();
    await c.waitClose();
  });

  it("delayMs: every reply waits", async () => {
    const c = await login();
    sim.faults.delayMs = 150;
    const t0 = Date.now();
    const r = await c.command(["/ppp/secret/print", "=count-only="]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect(r[0]!.attrs.ret).toBe("30");
  });

  it("splitWrites=true: replies arrive one byte per read and still decode", async () => {
    const c = await login();
    const expected = rowsOf(await c.command(["/ppp/secret/print", "?<limit-bytes-in=1", "=.proplist=name,password,comment"]));
    sim.faults.splitWrites = true;
    const before = c.chunkSizes.length;
    const r = await c.command(["/ppp/secret/print", "?<limit-bytes-in=1", "=.proplist=name,password,comment"], 20_000);
    expect(rowsOf(r)).toEqual(expected);
    const chunks = c.chunkSizes.slice(before);
    // Allow a few coalesced reads, but nearly every byte must have come on its own.
    expect(chunks.filter((n) => n === 1).length).toBeGreaterThan(chunks.reduce((a, b) => a + b, 0) * 0.9);
  });

  it("splitWrites=[sizes]: chunks cut inside length prefixes decode the same", async () => {
    const c = await login();
    const expected = rowsOf(await c.command(["/ppp/secret/print"]));
    for (const sizes of [[2], [3, 1], [7, 5, 1, 2]]) {
      sim.faults.splitWrites = sizes;
      expect(rowsOf(await c.command(["/ppp/secret/print"], 20_000))).toEqual(expected);
    }
  });

  it("faults count down per command, across connections", async () => {
    const a = await login();
    const b = await login();
    sim.faults.dropNext = 2;
    a.send(["/system/identity/print", ".tag=a1"]);
    b.send(["/system/identity/print", ".tag=b1"]);
    expect(typesOf(await a.command(["/system/identity/print"]))).toEqual(["!re", "!done"]);
    expect(a.replies.some((r) => r.tag === "a1") || b.replies.some((r) => r.tag === "b1")).toBe(false);
  });
});

describe("setDown", () => {
  function connectError(port: number): Promise<string> {
    return new Promise((resolve) => {
      const s = net.connect({ host: "127.0.0.1", port });
      s.on("connect", () => {
        s.destroy();
        resolve("connected");
      });
      s.on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    });
  }

  it("cuts open connections, refuses new ones, and comes back on the same port", async () => {
    const c = await login();
    const port = sim.port;
    await sim.setDown(true);
    expect(sim.down).toBe(true);
    await c.waitClose();
    expect(await connectError(port)).toBe("ECONNREFUSED");
    await sim.setDown(false);
    expect(sim.port).toBe(port);
    const again = await login();
    expect(typesOf(await again.command(["/system/identity/print"]))).toEqual(["!re", "!done"]);
    expect(sim.menu("/ppp/secret").rows()).toHaveLength(30); // the configuration survives
    expect(sim.stats().openConnections).toBe(1);
  });

  it("keeps the hanging command hanging when the router goes down mid-command", async () => {
    const c = await login();
    sim.faults.dropNext = 1;
    c.send(["/ppp/secret/print", ".tag=h"]);
    await sleep(50);
    await sim.setDown(true);
    await c.waitClose();
    expect(c.replies.filter((r) => r.tag === "h")).toEqual([]);
  });
});
