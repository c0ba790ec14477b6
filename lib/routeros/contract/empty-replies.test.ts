// RouterOS 7.18+ answers a print that matches nothing with `!empty`; node-routeros throws on it
// inside the socket's data handler. Through the adapter, both router behaviours give [] and the
// process lives; the unpatched library, in a child process, dies (so this test can fail).
import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRouterPool, type RouterApi } from "../index";
import { startRouterSim, type RouterSim } from "../sim";
import { openContractRouter, realRouter, uniqueName, watchUncaught, type ContractRouter } from "./target";

const pool = createRouterPool({ callTimeoutMs: 3_000 });
const uncaught = watchUncaught();

afterAll(async () => {
  uncaught.stop();
  await pool.closeAll();
});

async function emptyPrints(api: RouterApi) {
  const nobody = uniqueName("nobody");
  expect(await api.hotspotActive.list()).toEqual([]);
  expect(await api.pppSecrets.find({ name: nobody })).toEqual([]);
  expect(await api.print("/ip/firewall/address-list", { where: { list: nobody } })).toEqual([]);
  expect(await api.addressLists.removeWhere({ list: nobody })).toBe(0);
  expect(await api.pppSecrets.upsertBy("name", { name: nobody, password: "0042" })).toMatchObject({ action: "created" });
  await api.pppSecrets.removeWhere({ name: nobody });
  // the connection is still good afterwards
  expect(await api.identity.get()).toEqual(expect.any(String));
}

describe("against the contract router", () => {
  let router: ContractRouter;
  beforeAll(async () => {
    router = await openContractRouter();
  });
  afterAll(async () => {
    await router.close();
  });

  it("empty prints are [] whatever the version", async () => {
    await emptyPrints(pool.api(router.target));
    expect(uncaught.seen).toEqual([]);
  });
});

describe.skipIf(realRouter)("both router behaviours (simulator)", () => {
  let modern: RouterSim;
  let older: RouterSim;
  beforeAll(async () => {
    modern = await startRouterSim({ version: "7.19.4" });
    older = await startRouterSim({ version: "7.17.2" });
  });
  afterAll(async () => {
    await Promise.all([modern.close(), older.close()]);
  });

  it("7.18+ sends !empty: the adapter drops it", async () => {
    await emptyPrints(pool.api({ id: "modern", host: modern.host, port: modern.port, username: "admin", password: "" }));
    expect(uncaught.seen).toEqual([]);
  });

  it("before 7.18 there is no !empty: same answers", async () => {
    await emptyPrints(pool.api({ id: "older", host: older.host, port: older.port, username: "admin", password: "" }));
    expect(uncaught.seen).toEqual([]);
  });

  it("the !empty fault switched on at run time is handled too", async () => {
    older.faults.emptyReplies = true;
    try {
      await emptyPrints(pool.api({ id: "older", host: older.host, port: older.port, username: "admin", password: "" }));
    } finally {
      older.faults.emptyReplies = undefined;
    }
    expect(uncaught.seen).toEqual([]);
  });

  // The unpatched library against the same two routers, in a child process it may kill.
  const probe = `
    const { RouterOSAPI } = require("routeros-client");
    const api = new RouterOSAPI({ host: "127.0.0.1", port: Number(process.env.SIM_PORT), user: "admin", password: "", timeout: 5 });
    api.on("error", () => {});
    api.connect()
      .then(() => api.write("/ip/hotspot/active/print"))
      .then((rows) => { console.log("survived " + JSON.stringify(rows)); process.exit(0); }, (e) => { console.log("rejected " + e.message); process.exit(0); });
  `;
  function runProbe(port: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, ["-e", probe], { env: { ...process.env, SIM_PORT: String(port) }, timeout: 10_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      });
    });
  }

  it("unpatched node-routeros crashes on 7.18+ and not before (the hazard is real)", async () => {
    const onModern = await runProbe(modern.port);
    expect(onModern.code).toBe(1);
    expect(onModern.stderr).toContain("Tried to process unknown reply: !empty");
    const onOlder = await runProbe(older.port);
    expect(onOlder).toMatchObject({ code: 0, stdout: "survived []\n" });
  });
});
