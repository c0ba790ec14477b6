import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startRouterSim, type RouterSim } from "./index";
import { RawClient, rowsOf, typesOf, type Reply } from "./raw-client";

let sim: RouterSim;
let c: RawClient;

beforeEach(async () => {
  sim = await startRouterSim();
  c = await RawClient.login(sim.port);
});

afterEach(async () => {
  c.close();
  await sim.close();
});

const tagged = (tag: string) => c.replies.filter((r) => r.tag === tag);

async function cancel(tag: string): Promise<Reply[]> {
  return c.command(["/cancel", `=tag=${tag}`]);
}

describe("print follow, listen and /cancel", () => {
  it("follow prints the current rows, then streams changes until cancelled", async () => {
    sim.menu("/ppp/secret").add({ name: "a" });
    c.send(["/ppp/secret/print", "=follow=", "=.proplist=.id,name,comment", ".tag=f"]);
    await c.waitFor((r) => r.tag === "f" && r.attrs.name === "a");
    const b = (await c.command(["/ppp/secret/add", "=name=b"]))[0]!.attrs.ret!;
    await c.command(["/ppp/secret/set", `=.id=${b}`, "=comment=hello"]);
    await c.command(["/ppp/secret/remove", `=.id=${b}`]);
    await c.waitFor((r) => r.tag === "f" && r.attrs[".dead"] === "yes");
    expect(tagged("f").map((r) => r.attrs)).toEqual([
      { ".id": "*1", name: "a" },
      { ".id": b, name: "b" },
      { ".id": b, name: "b", comment: "hello" },
      { ".id": b, ".dead": "yes" },
    ]);
    const cancelReplies = await cancel("f");
    expect(typesOf(cancelReplies)).toEqual(["!done"]);
    const f = await c.until("f");
    expect(f.slice(-2).map((r) => r.words)).toEqual([
      ["!trap", "=category=2", "=message=interrupted", ".tag=f"],
      ["!done", ".tag=f"],
    ]);
    // RouterOS order: the interrupted trap, /cancel's !done, then the cancelled command's !done.
    const order = c.replies.filter((r) => r.type !== "!re").map((r) => `${r.type}:${r.tag === "f" ? "f" : "cancel"}`);
    expect(order.slice(-3)).toEqual(["!trap:f", "!done:cancel", "!done:f"]);
  });

  it("follow-only and listen send only changes, filtered by the query", async () => {
    c.send(["/ppp/secret/listen", "?service=pppoe", ".tag=l"]);
    c.send(["/ppp/secret/print", "=follow-only=", ".tag=fo"]);
    await c.command(["/system/identity/print"]); // the listeners are registered by now
    sim.menu("/ppp/secret").add({ name: "seeded" });
    await c.command(["/ppp/secret/add", "=name=x", "=service=pppoe"]);
    await c.command(["/ppp/secret/add", "=name=y", "=service=l2tp"]);
    await c.waitFor((r) => r.tag === "fo" && r.attrs.name === "y");
    expect(rowsOf(tagged("l")).map((r) => r.name)).toEqual(["x"]);
    expect(rowsOf(tagged("fo")).map((r) => r.name)).toEqual(["seeded", "x", "y"]);
    // A row that stops matching is reported dead to a filtered listener.
    await c.command(["/ppp/secret/set", "=.id=x", "=service=any"]);
    await c.waitFor((r) => r.tag === "l" && r.attrs[".dead"] === "yes");
  });

  it("sends !empty for an empty follow (7.18+) and keeps streaming", async () => {
    c.send(["/ip/hotspot/active/print", "=follow=", ".tag=e"]);
    await c.waitFor((r) => r.tag === "e" && r.type === "!empty");
    sim.sessions.hotspotLogin({ user: "guest" });
    const row = await c.waitFor((r) => r.tag === "e" && r.type === "!re");
    expect(row.attrs.user).toBe("guest");
  });

  it("/cancel without a tag cancels every running command", async () => {
    c.send(["/ppp/secret/listen", ".tag=one"]);
    c.send(["/interface/listen", ".tag=two"]);
    await c.command(["/system/identity/print"]); // both listens are registered by now
    c.send(["/cancel", ".tag=all"]);
    await Promise.all([c.until("one"), c.until("two"), c.until("all")]);
    expect(typesOf(tagged("one"))).toEqual(["!trap", "!done"]);
    expect(typesOf(tagged("two"))).toEqual(["!trap", "!done"]);
  });

  it("interleaves a stream with other commands on the same connection", async () => {
    c.send(["/ppp/secret/listen", ".tag=l"]);
    const results = await Promise.all([1, 2, 3, 4, 5].map((i) => c.command(["/ppp/secret/add", `=name=u${i}`])));
    for (const r of results) expect(typesOf(r)).toEqual(["!done"]);
    await c.waitFor((r) => r.tag === "l" && r.attrs.name === "u5");
    expect(rowsOf(tagged("l")).map((r) => r.name)).toEqual(["u1", "u2", "u3", "u4", "u5"]);
  });
});

describe("/interface/monitor-traffic", () => {
  it("answers once with one row per interface", async () => {
    sim.sessions.pppConnect({ name: "alice", address: "10.0.0.9" });
    const r = await c.command(["/interface/monitor-traffic", "=interface=<pppoe-alice>,ether1", "=once="]);
    expect(typesOf(r)).toEqual(["!re", "!re", "!done"]);
    const [ppp, wan] = rowsOf(r);
    expect(ppp!.name).toBe("<pppoe-alice>");
    expect(Number(ppp!["tx-bits-per-second"])).toBeGreaterThan(0);
    expect(Number(ppp!["rx-bits-per-second"])).toBeGreaterThan(0);
    // WAN receives what the customer downloads.
    expect(wan!["rx-bits-per-second"]).toBe(ppp!["tx-bits-per-second"]);
  });

  it("streams every interval until cancelled, honouring .proplist", async () => {
    c.send(["/interface/monitor-traffic", "=interface=ether1", "=interval=0.1s", "=.proplist=name,rx-bits-per-second", ".tag=m"]);
    await c.waitFor((r) => r.tag === "m" && rowsOf(tagged("m")).length >= 3);
    await cancel("m");
    const m = await c.until("m");
    expect(m.at(-2)!.attrs.message).toBe("interrupted");
    for (const row of rowsOf(m)) expect(Object.keys(row)).toEqual(["name", "rx-bits-per-second"]);
    const count = rowsOf(m).length;
    await new Promise((r) => setTimeout(r, 300));
    expect(rowsOf(tagged("m"))).toHaveLength(count);
  });

  it("traps an unknown interface", async () => {
    const r = await c.command(["/interface/monitor-traffic", "=interface=ether9", "=once="]);
    expect(r[0]!.attrs.message).toBe("input does not match any value of interface");
  });
});
