import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startRouterSim, type RouterSim } from "./index";
import { RawClient, rowsOf, typesOf, type Reply } from "./raw-client";

let sim: RouterSim;
let c: RawClient;

beforeEach(async () => {
  sim = await startRouterSim({ identity: "Core-1", version: "7.19.4" });
  c = await RawClient.login(sim.port);
});

afterEach(async () => {
  c.close();
  await sim.close();
});

function trapOf(r: Reply[]): { message?: string; category?: string } {
  expect(typesOf(r)).toEqual(["!trap", "!done"]);
  return { message: r[0]!.attrs.message, category: r[0]!.attrs.category };
}

async function ok(words: string[]): Promise<Reply[]> {
  const r = await c.command(words);
  expect(typesOf(r), JSON.stringify(r.map((x) => x.words))).toEqual(["!done"]);
  return r;
}

async function row(menu: string, id: string): Promise<Record<string, string> | undefined> {
  return rowsOf(await c.command([`${menu}/print`, `?.id=${id}`]))[0];
}

describe("add", () => {
  it("returns the new .id as =ret= (*hex, never reused)", async () => {
    const a = (await ok(["/ppp/secret/add", "=name=a", "=password=x"]))[0]!.attrs.ret!;
    const b = (await ok(["/ppp/secret/add", "=name=b"]))[0]!.attrs.ret!;
    expect(a).toMatch(/^\*[0-9A-F]+$/);
    await ok(["/ppp/secret/remove", `=.id=${b}`]);
    const again = (await ok(["/ppp/secret/add", "=name=b"]))[0]!.attrs.ret!;
    expect(again).not.toBe(b);
    expect(await row("/ppp/secret", a)).toMatchObject({ name: "a", password: "x", profile: "default", service: "any", disabled: "false" });
    expect(sim.stats().writes).toBe(4);
  });

  it("traps a duplicate with RouterOS's text", async () => {
    await ok(["/ppp/secret/add", "=name=a"]);
    expect(trapOf(await c.command(["/ppp/secret/add", "=name=a"])).message).toBe("failure: secret with the same name already exists");
    await ok(["/ip/firewall/address-list/add", "=list=suspended", "=address=10.0.0.5"]);
    expect(trapOf(await c.command(["/ip/firewall/address-list/add", "=list=suspended", "=address=10.0.0.5/32"])).message).toBe("failure: already have such entry");
    await ok(["/ip/hotspot/user/add", "=name=0712345678"]);
    expect(trapOf(await c.command(["/ip/hotspot/user/add", "=name=0712345678"])).message).toBe("failure: already have user with this name for this server");
  });

  it("traps a reference to a missing profile (category 1)", async () => {
    expect(trapOf(await c.command(["/ppp/secret/add", "=name=a", "=profile=gold"]))).toEqual({ message: "input does not match any value of profile", category: "1" });
    await ok(["/ppp/profile/add", "=name=gold", "=rate-limit=5M/10M"]);
    await ok(["/ppp/secret/add", "=name=a", "=profile=gold"]);
  });

  it("traps unknown and read-only parameters, bad enum values and missing required ones", async () => {
    expect(trapOf(await c.command(["/ppp/secret/add", "=name=a", "=colour=red"])).message).toBe("unknown parameter");
    expect(trapOf(await c.command(["/ppp/secret/add", "=name=a", "=last-logged-out=x"])).message).toBe("unknown parameter");
    expect(trapOf(await c.command(["/ppp/secret/add", "=name=a", "=service=telnet"]))).toEqual({ message: "input does not match any value of service", category: "1" });
    expect(trapOf(await c.command(["/queue/simple/add", "=name=q"])).message).toBe("missing value(s) of argument(s) target");
    expect(sim.stats().writes).toBe(0);
  });

  it("normalizes values the way RouterOS prints them back", async () => {
    const q = (await ok(["/queue/simple/add", "=target=10.1.0.5", "=max-limit=5M/10M", "=burst-time=8", "=limit-at=512k"]))[0]!.attrs.ret!;
    expect(await row("/queue/simple", q)).toMatchObject({
      name: "queue1",
      target: "10.1.0.5/32",
      "max-limit": "5000000/10000000",
      "limit-at": "512000/512000",
      "burst-time": "8s/8s",
      bytes: "0/0",
      rate: "0/0",
    });
    const e = (await ok(["/ip/firewall/address-list/add", "=list=x", "=address=10.0.0.9/32", "=disabled=yes"]))[0]!.attrs.ret!;
    expect(await row("/ip/firewall/address-list", e)).toMatchObject({ address: "10.0.0.9", disabled: "true" });
  });

  it("places firewall rules with place-before", async () => {
    const first = (await ok(["/ip/firewall/nat/add", "=chain=srcnat", "=action=masquerade", "=comment=first"]))[0]!.attrs.ret!;
    await ok(["/ip/firewall/nat/add", "=chain=dstnat", "=action=redirect", "=to-ports=8080", "=comment=second"]);
    await ok(["/ip/firewall/nat/add", "=chain=dstnat", "=action=accept", `=place-before=${first}`, "=comment=top"]);
    const rows = rowsOf(await c.command(["/ip/firewall/nat/print", "=.proplist=comment"]));
    expect(rows.map((r) => r.comment)).toEqual(["top", "first", "second"]);
    expect(trapOf(await c.command(["/ppp/secret/add", "=name=z", "=place-before=*1"])).message).toBe("unknown parameter");
  });
});

describe("set, remove, enable, disable, unset, get, move", () => {
  it("sets by *id, by name, and several comma-separated", async () => {
    const a = (await ok(["/ppp/secret/add", "=name=a"]))[0]!.attrs.ret!;
    const b = (await ok(["/ppp/secret/add", "=name=b"]))[0]!.attrs.ret!;
    await ok(["/ppp/secret/set", `=.id=${a}`, "=password=p1"]);
    await ok(["/ppp/secret/set", "=.id=b", "=comment=by-name"]);
    await ok(["/ppp/secret/set", `=.id=${a},${b}`, "=remote-address=10.9.9.9"]);
    expect(await row("/ppp/secret", a)).toMatchObject({ password: "p1", "remote-address": "10.9.9.9" });
    expect(await row("/ppp/secret", b)).toMatchObject({ comment: "by-name", "remote-address": "10.9.9.9" });
  });

  it("counts only writes that changed something", async () => {
    const a = (await ok(["/ppp/secret/add", "=name=a", "=password=x"]))[0]!.attrs.ret!;
    sim.resetStats();
    await ok(["/ppp/secret/set", `=.id=${a}`, "=password=x"]);
    await ok(["/ppp/secret/enable", `=.id=${a}`]);
    expect(sim.stats().writes).toBe(0);
    await ok(["/ppp/secret/disable", `=.id=${a}`]);
    expect(sim.stats()).toMatchObject({ writes: 1, commands: 3, byCommand: { "/ppp/secret/set": 1, "/ppp/secret/enable": 1, "/ppp/secret/disable": 1 } });
  });

  it("traps no such item for unknown ids and names, changing nothing", async () => {
    const a = (await ok(["/ppp/secret/add", "=name=a"]))[0]!.attrs.ret!;
    expect(trapOf(await c.command(["/ppp/secret/set", "=.id=*FFFF", "=comment=x"])).message).toBe("no such item");
    expect(trapOf(await c.command(["/ppp/secret/remove", "=.id=ghost"])).message).toBe("no such item");
    expect(trapOf(await c.command(["/ppp/secret/remove", `=.id=${a},*FFFF`])).message).toBe("no such item");
    expect(await row("/ppp/secret", a)).toBeDefined();
  });

  it("traps a set that would duplicate a name or break a reference", async () => {
    await ok(["/ppp/secret/add", "=name=a"]);
    const b = (await ok(["/ppp/secret/add", "=name=b"]))[0]!.attrs.ret!;
    expect(trapOf(await c.command(["/ppp/secret/set", `=.id=${b}`, "=name=a"])).message).toBe("failure: secret with the same name already exists");
    expect(trapOf(await c.command(["/ppp/secret/set", `=.id=${b}`, "=profile=none"])).message).toBe("input does not match any value of profile");
  });

  it("enables, disables, unsets and gets", async () => {
    const a = (await ok(["/ppp/secret/add", "=name=a", "=comment=c", "=service=pppoe"]))[0]!.attrs.ret!;
    await ok(["/ppp/secret/disable", `=.id=${a}`]);
    expect((await row("/ppp/secret", a))!.disabled).toBe("true");
    await ok(["/ppp/secret/enable", `=.id=${a}`]);
    expect((await row("/ppp/secret", a))!.disabled).toBe("false");
    await ok(["/ppp/secret/unset", `=.id=${a}`, "=value-name=comment"]);
    await ok(["/ppp/secret/unset", `=.id=${a}`, "=value-name=service"]);
    const r = (await row("/ppp/secret", a))!;
    expect(r.comment).toBeUndefined();
    expect(r.service).toBe("any");
    expect((await ok(["/ppp/secret/get", `=.id=${a}`, "=value-name=name"]))[0]!.attrs.ret).toBe("a");
  });

  it("removes, and protects built-in profiles", async () => {
    const a = (await ok(["/ppp/secret/add", "=name=a"]))[0]!.attrs.ret!;
    await ok(["/ppp/secret/remove", `=.id=${a}`]);
    expect(await row("/ppp/secret", a)).toBeUndefined();
    expect(trapOf(await c.command(["/ppp/profile/remove", "=.id=*0"])).message).toBe("failure: can not remove default profile");
  });

  it("moves ordered rows", async () => {
    const q1 = (await ok(["/queue/simple/add", "=name=q1", "=target=10.0.0.1"]))[0]!.attrs.ret!;
    await ok(["/queue/simple/add", "=name=q2", "=target=10.0.0.2"]);
    const q3 = (await ok(["/queue/simple/add", "=name=q3", "=target=10.0.0.3"]))[0]!.attrs.ret!;
    await ok(["/queue/simple/move", `=numbers=${q3}`, `=destination=${q1}`]);
    expect(rowsOf(await c.command(["/queue/simple/print", "=.proplist=name"])).map((r) => r.name)).toEqual(["q3", "q1", "q2"]);
  });
});

describe("built-in rows and settings menus", () => {
  it("has the default PPP profiles at *0 and *FFFFFFFE, and hotspot default profiles", async () => {
    const profiles = rowsOf(await c.command(["/ppp/profile/print", "=.proplist=.id,name"]));
    expect(profiles).toEqual([
      { ".id": "*0", name: "default" },
      { ".id": "*FFFFFFFE", name: "default-encryption" },
    ]);
    expect(rowsOf(await c.command(["/ip/hotspot/user/profile/print"]))[0]).toMatchObject({ ".id": "*0", name: "default", "shared-users": "1" });
    expect(rowsOf(await c.command(["/ip/hotspot/profile/print"]))[0]).toMatchObject({ name: "default", "login-by": "cookie,http-chap" });
    expect(rowsOf(await c.command(["/interface/print", "=.proplist=name,type"]))).toEqual([
      { name: "ether1", type: "ether" },
      { name: "ether2", type: "ether" },
      { name: "bridge", type: "bridge" },
    ]);
  });

  it("prints one row without .id and sets without .id", async () => {
    const aaa = rowsOf(await c.command(["/ppp/aaa/print"]));
    expect(aaa).toEqual([{ "use-radius": "false", accounting: "true", "interim-update": "0s", "use-circuit-id-in-nas-port-id": "false", "enable-ipv6-accounting": "false" }]);
    await ok(["/ppp/aaa/set", "=use-radius=yes", "=interim-update=5m"]);
    expect(rowsOf(await c.command(["/ppp/aaa/print"]))[0]).toMatchObject({ "use-radius": "true", "interim-update": "5m" });
    await ok(["/radius/incoming/set", "=accept=yes"]);
    expect(rowsOf(await c.command(["/radius/incoming/print"]))).toEqual([{ accept: "true", port: "3799", vrf: "main" }]);
    expect(trapOf(await c.command(["/ppp/aaa/set", "=.id=*1", "=use-radius=no"])).message).toBe("unknown parameter");
    expect(trapOf(await c.command(["/ppp/aaa/add", "=use-radius=no"])).message).toBe("no such command");
  });

  it("derives identity and resource from the options and the clock", async () => {
    expect(rowsOf(await c.command(["/system/identity/print"]))).toEqual([{ name: "Core-1" }]);
    await ok(["/system/identity/set", "=name=Core-2"]);
    expect((await ok(["/system/identity/get", "=value-name=name"]))[0]!.attrs.ret).toBe("Core-2");
    sim.tick(3 * 86400 + 3661);
    const res = rowsOf(await c.command(["/system/resource/print"]))[0]!;
    expect(res).toMatchObject({ uptime: "3d1h1m1s", version: "7.19.4 (stable)", "board-name": "CHR", platform: "MikroTik" });
    expect(trapOf(await c.command(["/system/resource/set", "=cpu=x"])).message).toBe("no such command");
    expect(rowsOf(await c.command(["/system/routerboard/print"]))).toEqual([{ routerboard: "false" }]);
  });

  it("describes a RouterBOARD when asked to", async () => {
    const rb = await startRouterSim({ board: "RB4011iGS+", version: "7.16.2" });
    const c2 = await RawClient.login(rb.port);
    expect(rowsOf(await c2.command(["/system/resource/print"]))[0]).toMatchObject({ "board-name": "RB4011iGS+", "architecture-name": "arm", "cpu-count": "4" });
    expect(rowsOf(await c2.command(["/system/routerboard/print"]))[0]).toMatchObject({ routerboard: "true", model: "RB4011iGS+", "current-firmware": "7.16.2" });
    c2.close();
    await rb.close();
  });
});

describe("sim.menu()", () => {
  it("seeds and reads rows directly, with the same checks", () => {
    const secrets = sim.menu("/ppp/secret");
    const id = secrets.add({ name: "x", password: "y" });
    expect(secrets.get(id)).toMatchObject({ ".id": id, name: "x" });
    expect(secrets.get("x")).toMatchObject({ ".id": id });
    secrets.set(id, { comment: "c" });
    expect(secrets.find((r) => r.comment === "c")).toHaveLength(1);
    expect(() => secrets.add({ name: "x" })).toThrow("already exists");
    secrets.remove(id);
    expect(secrets.rows()).toEqual([]);
    expect(sim.menu("/system/identity").rows()).toEqual([{ name: "Core-1" }]);
    expect(() => sim.menu("/no/such")).toThrow();
  });
});
