import { afterEach, describe, expect, it } from "vitest";
import { startRouterSim, type RouterSim, type RouterSimOptions } from "./index";
import { RawClient, rowsOf, typesOf } from "./raw-client";

let sim: RouterSim | undefined;
let client: RawClient | undefined;

async function setup(options: RouterSimOptions = {}): Promise<RawClient> {
  sim = await startRouterSim(options);
  const secrets = sim.menu("/ppp/secret");
  secrets.add({ name: "alice", password: "a", service: "pppoe", comment: "isp:cust=1" });
  secrets.add({ name: "bob", password: "b", service: "pppoe", "remote-address": "10.0.0.2", disabled: "yes" });
  secrets.add({ name: "carol", password: "c", service: "any", "limit-bytes-in": "500" });
  secrets.add({ name: "dave", password: "d", service: "l2tp", "limit-bytes-in": "2000", comment: "x" });
  client = await RawClient.login(sim.port);
  return client;
}

afterEach(async () => {
  client?.close();
  await sim?.close();
  sim = client = undefined;
});

async function names(c: RawClient, ...words: string[]): Promise<string[]> {
  const r = await c.command(["/ppp/secret/print", ...words]);
  expect(r.at(-1)!.type).toBe("!done");
  return rowsOf(r).map((row) => row.name!);
}

describe("print", () => {
  it("returns every row with .id first and booleans as true/false", async () => {
    const c = await setup();
    const rows = rowsOf(await c.command(["/ppp/secret/print"]));
    expect(rows.map((r) => r.name)).toEqual(["alice", "bob", "carol", "dave"]);
    expect(Object.keys(rows[0]!)[0]).toBe(".id");
    expect(rows[0]!.disabled).toBe("false");
    expect(rows[1]!.disabled).toBe("true");
    expect(rows[0]!.comment).toBe("isp:cust=1"); // "=" inside a value survives
    expect(rows[1]!.comment).toBeUndefined(); // unset properties are left out
  });

  it("limits properties to .proplist", async () => {
    const c = await setup();
    const rows = rowsOf(await c.command(["/ppp/secret/print", "=.proplist=.id,name,nonexistent"]));
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(Object.keys(r)).toEqual([".id", "name"]);
  });

  it.each([
    ["equality", ["?name=bob"], ["bob"]],
    ["equality in the ?= form", ["?=name=bob"], ["bob"]],
    ["equality on .id", ["?.id=*2"], ["bob"]],
    ["boolean equality with yes/no", ["?disabled=yes"], ["bob"]],
    ["presence", ["?comment"], ["alice", "dave"]],
    ["absence", ["?-comment"], ["bob", "carol"]],
    ["less than (numeric)", ["?<limit-bytes-in=1000"], ["alice", "bob", "carol"]],
    ["greater than (numeric)", ["?>limit-bytes-in=1000"], ["dave"]],
    ["two queries are and-ed", ["?service=pppoe", "?disabled=false"], ["alice"]],
    ["?#| or", ["?service=pppoe", "?service=l2tp", "?#|"], ["alice", "bob", "dave"]],
    ["?#|! nor", ["?service=pppoe", "?service=l2tp", "?#|!"], ["carol"]],
    ["?#& and", ["?service=pppoe", "?-comment", "?#&"], ["bob"]],
    ["?#! not", ["?service=pppoe", "?#!"], ["carol", "dave"]],
    ["leftover stack values are and-ed", ["?service=pppoe", "?service=any", "?comment", "?#|"], ["alice"]],
    ["an index at the end replaces the stack", ["?name=alice", "?name=bob", "?#1"], ["alice"]],
    ["an index before an op pushes a copy", ["?name=alice", "?name=bob", "?#1|0"], ["alice", "bob"]],
    ["'.' pushes a copy of the top", ["?name=carol", "?#.!|"], ["alice", "bob", "carol", "dave"]],
    ["no match", ["?name=nobody"], []],
  ])("filters with %s", async (_name, query, expected) => {
    const c = await setup({ emptyReplies: false });
    expect(await names(c, ...query)).toEqual(expected);
  });

  it("answers count-only with !done =ret=<n>", async () => {
    const c = await setup();
    const r = await c.command(["/ppp/secret/print", "=count-only=", "?service=pppoe"]);
    expect(typesOf(r)).toEqual(["!done"]);
    expect(r[0]!.attrs.ret).toBe("2");
  });

  it("accepts detail, stats, without-paging and as-value", async () => {
    const c = await setup();
    expect(await names(c, "=detail=", "=stats=", "=without-paging=", "=as-value=")).toHaveLength(4);
  });

  it("traps an unknown print argument", async () => {
    const c = await setup();
    const r = await c.command(["/ppp/secret/print", "=bogus=1"]);
    expect(typesOf(r)).toEqual(["!trap", "!done"]);
    expect(r[0]!.attrs.message).toBe("unknown parameter");
  });
});

describe("!empty", () => {
  const empty = ["/ppp/secret/print", "?name=nobody"];

  it("is sent by 7.18+ (the default 7.19.4) before !done", async () => {
    const c = await setup();
    expect(typesOf(await c.command(empty))).toEqual(["!empty", "!done"]);
    expect(typesOf(await c.command(["/ppp/active/print"]))).toEqual(["!empty", "!done"]);
  });

  it("is not sent by 7.17", async () => {
    const c = await setup({ version: "7.17.2" });
    expect(typesOf(await c.command(empty))).toEqual(["!done"]);
  });

  it("follows options.emptyReplies, and faults.emptyReplies over that", async () => {
    const c = await setup({ version: "7.19.4", emptyReplies: false });
    expect(typesOf(await c.command(empty))).toEqual(["!done"]);
    sim!.faults.emptyReplies = true;
    expect(typesOf(await c.command(empty))).toEqual(["!empty", "!done"]);
  });

  it("is not sent when something matched or for count-only", async () => {
    const c = await setup();
    expect(typesOf(await c.command(["/ppp/secret/print", "?name=bob"]))).toEqual(["!re", "!done"]);
    expect(typesOf(await c.command(["/ppp/secret/print", "=count-only=", "?name=nobody"]))).toEqual(["!done"]);
  });
});

describe("tags and unknown commands", () => {
  it("tags every reply sentence, and leaves untagged commands untagged", async () => {
    const c = await setup();
    const r = await c.command(["/ppp/secret/print", "=.proplist=name"]);
    for (const reply of r) expect(reply.words.at(-1)).toBe(reply.tag ? `.tag=${reply.tag}` : "");
    c.send(["/system/identity/print"]);
    const done = await c.waitFor((x) => x.type === "!done" && x.tag === undefined);
    expect(done.words).toEqual(["!done"]);
  });

  it("answers concurrent tagged commands each under its own tag", async () => {
    const c = await setup();
    c.send(["/ppp/secret/print", "?name=alice", ".tag=a"]);
    c.send(["/ppp/secret/print", "=count-only=", ".tag=b"]);
    c.send(["/ppp/profile/print", "=.proplist=name", ".tag=c"]);
    const [a, b, cc] = await Promise.all([c.until("a"), c.until("b"), c.until("c")]);
    expect(rowsOf(a).map((r) => r.name)).toEqual(["alice"]);
    expect(b.at(-1)!.attrs.ret).toBe("4");
    expect(rowsOf(cc).map((r) => r.name)).toEqual(["default", "default-encryption"]);
  });

  it("traps an unknown menu with 'no such command prefix' and an unknown verb with 'no such command'", async () => {
    const c = await setup();
    const prefix = await c.command(["/ppp/nothing/print"]);
    expect(prefix[0]!.words.filter((w) => w.startsWith("="))).toEqual(["=message=no such command prefix"]);
    const verb = await c.command(["/ppp/secret/frobnicate"]);
    expect(verb[0]!.attrs.message).toBe("no such command");
    expect(typesOf(await c.command(["/ppp/active/add", "=name=x"]))).toEqual(["!trap", "!done"]);
  });
});
