// What the router's log receives: one record per call, with secrets masked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRouterPool, type Interaction, type RouterApi } from "../index";
import { openContractRouter, uniqueName, type ContractRouter } from "./target";

const records: Interaction[] = [];
const pool = createRouterPool({ onInteraction: (i) => records.push(i), breaker: { failures: 1, coolDownMs: 60_000 } });
let router: ContractRouter;
let api: RouterApi;

beforeAll(async () => {
  router = await openContractRouter();
  api = pool.api(router.target);
});

afterAll(async () => {
  await pool.closeAll();
  await router.close();
});

describe("onInteraction", () => {
  it("records a successful write with the password masked", async () => {
    const name = `07${String(Date.now()).slice(-8)}`;
    const before = Date.now();
    const id = await api.pppSecrets.add({ name, password: "SuperSecret0042", service: "pppoe" });
    const record = records.at(-1)!;
    expect(record).toEqual({
      routerId: router.target.id,
      command: `/ppp/secret/add =name=${name} =password=*** =service=pppoe`,
      ok: true,
      rows: 0,
      durationMs: expect.any(Number),
      at: expect.any(Date),
    });
    expect(record.at.getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(record.durationMs).toBeGreaterThanOrEqual(0);
    await api.pppSecrets.remove(id);
  });

  it("records how many rows a print returned", async () => {
    const rows = await api.interfaces.list();
    expect(records.at(-1)).toMatchObject({ command: "/interface/print =stats=", ok: true, rows: rows.length });
  });

  it("records a trap with its kind and message", async () => {
    const name = uniqueName("dup");
    const id = await api.pppProfiles.add({ name });
    await api.pppProfiles.add({ name }).catch(() => {});
    expect(records.at(-1)).toMatchObject({ command: `/ppp/profile/add =name=${name}`, ok: false, errorKind: "trap", message: expect.stringMatching(/^trap on \/ppp\/profile\/add: /) });
    await api.pppProfiles.remove(id);
  });

  it("masks RADIUS secrets, hotspot passwords and query values too", async () => {
    const id = await api.radius.add({ service: "hotspot", address: "192.0.2.77", secret: "SuperSecret0042", disabled: true });
    await api.radius.update(id, { secret: "SuperSecret0043" });
    await api.radius.remove(id);
    await api.print("/ip/hotspot/user", { where: { password: "SuperSecret0042" } });
    expect(JSON.stringify(records)).not.toContain("SuperSecret");
    expect(records.some((r) => r.command.includes("=secret=***"))).toBe(true);
    expect(records.some((r) => r.command.includes("?password=***"))).toBe(true);
  });

  it("records a failed login without the password it tried", async () => {
    const wrong = pool.api({ ...router.target, id: "wrong", password: "SuperSecret0099" });
    await wrong.identity.get().catch(() => {});
    expect(records.at(-1)).toMatchObject({ routerId: "wrong", command: "/system/identity/print", ok: false, errorKind: "auth", message: "login failed: invalid user name or password" });
    expect(JSON.stringify(records)).not.toContain("SuperSecret0099");
  });

  it("records fast failures of an open circuit", async () => {
    const down = pool.api({ id: "down", host: "127.0.0.1", port: 1, username: "admin", password: "" });
    await down.identity.get().catch(() => {});
    await down.identity.get().catch(() => {});
    expect(records.slice(-2).map((r) => r.errorKind)).toEqual(["unreachable", "circuit-open"]);
  });

  it("a log that throws does not break the call", async () => {
    const fragile = createRouterPool({
      onInteraction: () => {
        throw new Error("log down");
      },
    });
    try {
      expect(await fragile.api(router.target).identity.get()).toEqual(expect.any(String));
    } finally {
      await fragile.closeAll();
    }
  });
});
