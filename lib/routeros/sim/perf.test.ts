// A sanity check that the simulator can carry the reconcile benchmark (10k+ rows per menu). The
// bounds are loose on purpose: this guards against quadratic mistakes, it is not a benchmark.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRouterSim, type RouterSim } from "./index";
import { RawClient, rowsOf } from "./raw-client";

const N = 10_000;
let sim: RouterSim;
let c: RawClient;
let seedMs = 0;

beforeAll(async () => {
  sim = await startRouterSim();
  const t0 = performance.now();
  const queues = sim.menu("/queue/simple");
  const secrets = sim.menu("/ppp/secret");
  for (let i = 0; i < N; i++) {
    const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    queues.add({ name: `cust-${i}`, target: ip, "max-limit": "5M/10M", comment: `isp:cust=${i}` });
    secrets.add({ name: `07${String(i).padStart(8, "0")}`, password: `pw${i}`, service: "pppoe", "remote-address": ip, comment: `isp:cust=${i}` });
  }
  seedMs = performance.now() - t0;
  c = await RawClient.login(sim.port);
});

afterAll(async () => {
  c.close();
  await sim.close();
});

describe(`${N} rows per menu`, () => {
  it("seeds quickly", () => {
    expect(seedMs).toBeLessThan(5000);
  });

  it("prints all rows with a proplist in well under a few seconds", async () => {
    const t0 = performance.now();
    const rows = rowsOf(await c.command(["/queue/simple/print", "=.proplist=.id,name,target,max-limit,comment"], 20_000));
    const ms = performance.now() - t0;
    expect(rows).toHaveLength(N);
    expect(rows[N - 1]).toMatchObject({ name: `cust-${N - 1}`, "max-limit": "5000000/10000000" });
    expect(ms).toBeLessThan(3000);
    console.log(`print ${N} queues with proplist: ${ms.toFixed(0)} ms`);
  });

  it("does a few hundred writes and key lookups without slowing down", async () => {
    const t0 = performance.now();
    for (let i = 0; i < 300; i++) {
      const name = `07${String(i * 31).padStart(8, "0")}`;
      const found = rowsOf(await c.command(["/ppp/secret/print", `?name=${name}`, "=.proplist=.id,password"]));
      expect(found).toHaveLength(1);
      await c.command(["/ppp/secret/set", `=.id=${found[0]![".id"]}`, `=password=new${i}`]);
      await c.command(["/queue/simple/set", `=.id=cust-${i}`, "=max-limit=10M/20M"]);
    }
    for (let i = 0; i < 100; i++) await c.command(["/queue/simple/add", `=name=extra-${i}`, `=target=10.200.0.${i}`]);
    const ms = performance.now() - t0;
    expect(sim.stats().writes).toBe(700);
    expect(ms).toBeLessThan(5000);
    console.log(`300 lookups + 700 writes: ${ms.toFixed(0)} ms`);
  });
});
