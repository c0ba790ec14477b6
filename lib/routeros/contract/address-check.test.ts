// The pool's address check: the host is resolved here, every address it resolves to is checked,
// and the socket goes to the checked address (a second lookup cannot send it elsewhere).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRouterPool, type AddressCheck, type Lookup } from "../index";
import { startRouterSim, type RouterSim } from "../sim";
import { realRouter } from "./target";

const noLoopback: AddressCheck = (address) => (/^(127\.|::1$|::ffff:127\.)/.test(address) ? `${address} is loopback` : null);

describe.skipIf(realRouter)("address check", () => {
  let sim: RouterSim;
  beforeAll(async () => {
    sim = await startRouterSim({});
  });
  afterAll(() => sim.close());

  async function call(host: string, check: AddressCheck | undefined, lookup?: Lookup) {
    const pool = createRouterPool({ callTimeoutMs: 2_000, checkAddress: check, lookup });
    try {
      return await pool.api({ id: "r1", host, port: sim.port, username: "admin", password: "" }).identity.get().catch((e: unknown) => e);
    } finally {
      await pool.closeAll();
    }
  }

  it("a host name resolving to a refused address is refused in words, without a connection", async () => {
    const before = sim.stats().connections;
    const error = await call("localhost", noLoopback);
    expect(error).toMatchObject({ kind: "refused", routerId: "r1" });
    expect((error as Error).message).toMatch(new RegExp(`^router localhost:${sim.port} not contacted: localhost resolves to (127\\.0\\.0\\.1|::1), and (127\\.0\\.0\\.1|::1) is loopback$`));
    expect(await call("127.0.0.1", noLoopback)).toMatchObject({ kind: "refused", message: `router 127.0.0.1:${sim.port} not contacted: 127.0.0.1 is loopback` });
    expect(sim.stats().connections).toBe(before);
  });

  it("every address counts: one refused among allowed ones refuses the host", async () => {
    const lookup: Lookup = async () => [{ address: "203.0.113.9" }, { address: "127.0.0.1" }];
    expect(await call("mixed.example", noLoopback, lookup)).toMatchObject({ kind: "refused" });
  });

  it("connects to the address it checked, not to the name again", async () => {
    let lookups = 0;
    const lookup: Lookup = async () => (lookups++, [{ address: "127.0.0.1" }]);
    expect(await call("router.invalid", () => null, lookup)).toBe("MikroTik"); // the system resolver knows no .invalid
    expect(lookups).toBe(1);
  });

  it("a name that does not resolve is unreachable, as before", async () => {
    expect(await call("no-such-router.invalid", noLoopback)).toMatchObject({ kind: "unreachable", message: `router no-such-router.invalid:${sim.port} unreachable (ENOTFOUND)` });
  });

  it("without a check (the adapter alone) loopback is reached", async () => {
    expect(await call("localhost", undefined)).toBe("MikroTik");
  });
});
