// Commands that keep answering (monitor-traffic, print follow) until we stop them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRouterPool, type Interaction, type RouterApi, type RawRow, type TrafficSample } from "../index";
import { openContractRouter, realRouter, sleep, uniqueName, watchUncaught, type ContractRouter } from "./target";

const interactions: Interaction[] = [];
const pool = createRouterPool({ callTimeoutMs: 3_000, onInteraction: (i) => interactions.push(i) });
const uncaught = watchUncaught();
let router: ContractRouter;
let api: RouterApi;
let iface: string;

beforeAll(async () => {
  router = await openContractRouter();
  api = pool.api(router.target);
  iface = (await api.interfaces.list())[0]!.name;
});

afterAll(async () => {
  uncaught.stop();
  await pool.closeAll();
  await router.close();
});

async function until(check: () => boolean, ms = 5_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await sleep(20);
  }
}

describe("streams", () => {
  it("monitor-traffic: samples until stop(), then nothing more; the connection stays usable", async () => {
    const samples: TrafficSample[] = [];
    const stream = api.watchTraffic(iface, (s) => samples.push(s));
    await until(() => samples.length >= 2);
    expect(samples[0]).toMatchObject({ name: iface, rxBitsPerSecond: expect.any(Number), txBitsPerSecond: expect.any(Number) });
    // other calls run alongside the stream on the same connection
    expect(await api.identity.get()).toEqual(expect.any(String));
    await stream.stop();
    await expect(stream.done).resolves.toBeUndefined();
    const count = samples.length;
    await sleep(1_300);
    expect(samples.length).toBe(count);
    expect(await api.pppSecrets.find({ name: uniqueName() })).toEqual([]);
    const logged = interactions.find((i) => i.command.startsWith("/interface/monitor-traffic"));
    expect(logged).toMatchObject({ ok: true, rows: count });
    expect(interactions.some((i) => i.command.startsWith("/cancel =tag="))).toBe(false); // cancel is plumbing, not logged
  });

  it("print follow: existing rows, then changes, removals marked .dead", async () => {
    const name = uniqueName("f");
    const rows: RawRow[] = [];
    const stream = api.stream("/ppp/secret/print", { follow: "" }, (row) => rows.push(row));
    await sleep(200);
    const id = await api.pppSecrets.add({ name, password: "0042" });
    await until(() => rows.some((r) => r.name === name));
    expect(rows.find((r) => r.name === name)).toMatchObject({ ".id": id, name, password: "0042" });
    await api.pppSecrets.remove(id);
    await until(() => rows.some((r) => r[".id"] === id && r[".dead"] !== undefined));
    await stream.stop();
    await stream.done;
  });

  it("stop() is safe to call twice, and before the stream has started", async () => {
    const early = api.watchTraffic(iface, () => {});
    await early.stop();
    await early.stop();
    await expect(early.done).resolves.toBeUndefined();
  });

  it("a consumer that throws ends its stream with that error and cancels it", async () => {
    const cancels = () => router.sim?.stats().byCommand["/cancel"] ?? 0;
    const before = cancels();
    const stream = api.watchTraffic(iface, () => {
      throw new Error("consumer bug");
    });
    await expect(stream.done).rejects.toThrow("consumer bug");
    if (router.sim) await until(() => cancels() === before + 1);
    expect(await api.identity.get()).toEqual(expect.any(String));
  });

  it.skipIf(realRouter)("a stream whose connection is cut ends with kind 'closed'", async () => {
    const own = createRouterPool({ callTimeoutMs: 3_000 });
    const target = { ...router.target, id: "cut-stream" };
    const streamApi = own.api(target);
    const samples: TrafficSample[] = [];
    const stream = streamApi.watchTraffic(iface, (s) => samples.push(s));
    await until(() => samples.length >= 1);
    router.sim!.faults.cutNext = 1;
    await expect(streamApi.identity.get()).rejects.toMatchObject({ kind: "closed" });
    await expect(stream.done).rejects.toMatchObject({ kind: "closed", command: "/interface/monitor-traffic" });
    await own.closeAll();
  });

  it("nothing escaped as an uncaught exception", () => {
    expect(uncaught.seen).toEqual([]);
  });
});
