// Typed menus over a scripted transport: which words go out, and what comes back.
import { describe, expect, it } from "vitest";
import { RouterOsValueError, trapError } from "./errors";
import type { CommandReply, RouterTransport } from "./raw-api";
import { createRouterApi } from "./router-api";
import type { RawRow } from "./types";

function fakeRouter(handler: (words: string[]) => CommandReply | Error = () => ({ rows: [] })) {
  const sent: string[][] = [];
  const transport: RouterTransport = {
    routerId: "r1",
    async call(words) {
      sent.push(words);
      const reply = handler(words);
      if (reply instanceof Error) throw reply;
      return reply;
    },
    stream() {
      throw new Error("not used");
    },
  };
  return { api: createRouterApi(transport), sent };
}

const secret = (id: string, name: string, extra: RawRow = {}): RawRow => ({ ".id": id, name, password: "0042", profile: "default", disabled: "false", ...extra });

describe("typed menus", () => {
  it("adds with kebab-case words and returns the .id", async () => {
    const { api, sent } = fakeRouter(() => ({ rows: [], ret: "*1A" }));
    const id = await api.pppSecrets.add({ name: "0712345678", password: "0042", service: "pppoe", remoteAddress: "10.1.0.7", disabled: false });
    expect(id).toBe("*1A");
    expect(sent).toEqual([["/ppp/secret/add", "=name=0712345678", "=password=0042", "=service=pppoe", "=remote-address=10.1.0.7", "=disabled=no"]]);
  });

  it("refuses non-ASCII and missing required fields before sending anything", async () => {
    const { api, sent } = fakeRouter();
    await expect(api.pppSecrets.add({ name: "José" })).rejects.toThrow(RouterOsValueError);
    await expect(api.pppSecrets.add({} as never)).rejects.toThrow("missing name");
    expect(sent).toEqual([]);
  });

  it("updates and removes by .id, and reports a vanished item as not-found", async () => {
    const { api, sent } = fakeRouter((w) => (w[1] === "=.id=*9" ? trapError(w[0]!, { message: "no such item" }) : { rows: [] }));
    expect(await api.pppSecrets.update("*1", { disabled: true })).toBe("done");
    expect(await api.pppSecrets.update("*9", { disabled: true })).toBe("not-found");
    expect(await api.pppSecrets.remove("*9")).toBe("not-found");
    expect(await api.pppActive.disconnect("*9")).toBe("not-found");
    expect(sent).toEqual([
      ["/ppp/secret/set", "=.id=*1", "=disabled=yes"],
      ["/ppp/secret/set", "=.id=*9", "=disabled=yes"],
      ["/ppp/secret/remove", "=.id=*9"],
      ["/ppp/active/remove", "=.id=*9"],
    ]);
  });

  it("never sends a command without a target", async () => {
    const { api, sent } = fakeRouter();
    await expect(api.pppSecrets.remove("")).rejects.toThrow(RouterOsValueError);
    await expect(api.pppSecrets.update("*1,*2", { disabled: true })).rejects.toThrow(RouterOsValueError);
    await expect(api.pppSecrets.update("*1", {})).rejects.toThrow("nothing to set");
    expect(await api.pppSecrets.removeWhere({ name: "nobody" })).toBe(0);
    expect(sent).toEqual([["/ppp/secret/print", "?name=nobody"]]);
  });

  it("other traps stay errors", async () => {
    const { api } = fakeRouter(() => trapError("/ppp/secret/add", { message: "failure: secret with the same name already exists", category: "4" }));
    await expect(api.pppSecrets.add({ name: "a" })).rejects.toMatchObject({ kind: "trap", category: 4 });
  });

  it("removeWhere looks up, then removes the ids that still exist", async () => {
    const { api, sent } = fakeRouter((w) => {
      if (w[0] === "/ip/firewall/address-list/print" && w.includes("?list=suspended")) {
        return { rows: [{ ".id": "*3", list: "suspended", address: "10.0.0.3", disabled: "false" }, { ".id": "*4", list: "suspended", address: "10.0.0.4", disabled: "true" }] };
      }
      if (w.includes("=.proplist=.id")) return { rows: [{ ".id": "*4" }] };
      return { rows: [] };
    });
    expect(await api.addressLists.removeWhere({ list: "suspended", disabled: true })).toBe(1);
    expect(sent).toEqual([
      ["/ip/firewall/address-list/print", "?list=suspended"],
      ["/ip/firewall/address-list/print", "=.proplist=.id", "?.id=*4"],
      ["/ip/firewall/address-list/remove", "=.id=*4"],
    ]);
  });

  it("removeMany ORs the lookups and reports the missing", async () => {
    const { api, sent } = fakeRouter((w) => (w[0]!.endsWith("/print") ? { rows: [{ ".id": "*1" }, { ".id": "*3" }] } : { rows: [] }));
    expect(await api.removeMany("/queue/simple", ["*1", "*2", "*3"])).toEqual({ removed: ["*1", "*3"], missing: ["*2"] });
    expect(sent).toEqual([
      ["/queue/simple/print", "=.proplist=.id", "?.id=*1", "?.id=*2", "?.id=*3", "?#|", "?#|"],
      ["/queue/simple/remove", "=.id=*1,*3"],
    ]);
  });

  it("find queries text on the router and compares the rest after decoding", async () => {
    const { api, sent } = fakeRouter(() => ({ rows: [secret("*1", "0712", { disabled: "true" }), secret("*2", "0712", { disabled: "false" })] }));
    const found = await api.pppSecrets.find({ name: "0712", disabled: true });
    expect(found.map((r) => r.id)).toEqual(["*1"]);
    expect(sent).toEqual([["/ppp/secret/print", "?name=0712"]]);
    const byPredicate = await api.pppSecrets.find((r) => r.id === "*2");
    expect(byPredicate.map((r) => r.id)).toEqual(["*2"]);
  });

  describe("upsertBy", () => {
    it("creates when nothing matches", async () => {
      const { api, sent } = fakeRouter((w) => (w[0]!.endsWith("/add") ? { rows: [], ret: "*7" } : { rows: [] }));
      expect(await api.pppSecrets.upsertBy("name", { name: "0712", password: "0042" })).toEqual({ action: "created", id: "*7", duplicates: [] });
      expect(sent.map((w) => w[0])).toEqual(["/ppp/secret/print", "/ppp/secret/add"]);
    });

    it("sets only what differs, and nothing when nothing does", async () => {
      const { api, sent } = fakeRouter(() => ({ rows: [secret("*1", "0712", { comment: "isp:cust=1" }), secret("*5", "0712")] }));
      expect(await api.pppSecrets.upsertBy("name", { name: "0712", password: "0042", comment: "isp:cust=1", disabled: false })).toEqual({
        action: "unchanged",
        id: "*1",
        duplicates: ["*5"],
      });
      expect(await api.pppSecrets.upsertBy("name", { name: "0712", password: "9999", disabled: true })).toMatchObject({ action: "updated", id: "*1" });
      expect(sent.at(-1)).toEqual(["/ppp/secret/set", "=.id=*1", "=password=9999", "=disabled=yes"]);
    });

    it("matches on several keys", async () => {
      const { api, sent } = fakeRouter((w) => (w[0]!.endsWith("/add") ? { rows: [], ret: "*2" } : { rows: [] }));
      await api.addressLists.upsertBy(["list", "address"], { list: "suspended", address: "10.0.0.9", comment: "isp:cust=9" });
      expect(sent[0]).toEqual(["/ip/firewall/address-list/print", "?list=suspended", "?address=10.0.0.9"]);
    });
  });

  it("reads and writes settings menus without an .id", async () => {
    const { api, sent } = fakeRouter((w) =>
      w[0] === "/radius/incoming/print" ? { rows: [{ accept: "false", port: "3799", vrf: "main" }] } : { rows: [] },
    );
    expect(await api.radiusIncoming.get()).toEqual({ accept: false, port: 3799 });
    await api.radiusIncoming.set({ accept: true, port: 1700 });
    await api.pppAaa.set({ useRadius: true, interimUpdate: 300 });
    expect(sent.slice(1)).toEqual([
      ["/radius/incoming/set", "=accept=yes", "=port=1700"],
      ["/ppp/aaa/set", "=use-radius=yes", "=interim-update=5m"],
    ]);
  });

  it("lists interfaces with their counters", async () => {
    const { api, sent } = fakeRouter(() => ({ rows: [{ ".id": "*1", name: "ether1", "rx-byte": "123", running: "true", disabled: "false" }] }));
    const [ether1] = await api.interfaces.list();
    expect(ether1).toMatchObject({ name: "ether1", rxByte: 123, running: true });
    expect(sent).toEqual([["/interface/print", "=stats="]]);
  });

  it("reports health from identity and resource", async () => {
    const { api } = fakeRouter((w) =>
      w[0] === "/system/identity/print"
        ? { rows: [{ name: "core-1" }] }
        : { rows: [{ uptime: "1d2h", version: "7.19.4 (stable)", "board-name": "CHR", "cpu-load": "7", "free-memory": "100", "total-memory": "200" }] },
    );
    expect(await api.health()).toEqual({ identity: "core-1", version: "7.19.4 (stable)", board: "CHR", uptimeSeconds: 93600, cpuLoad: 7, freeMemory: 100, totalMemory: 200 });
  });

  it("checks raw words too", async () => {
    const { api, sent } = fakeRouter();
    await expect(api.print("ppp/secret")).rejects.toThrow("not a RouterOS menu path");
    await expect(api.add("/ppp/secret", { "bad key": "x" })).rejects.toThrow("not a RouterOS property name");
    await expect(api.print("/ppp/secret", { query: ["=name=x"] })).rejects.toThrow("not a query word");
    await expect(api.print("/ppp/secret", { where: { comment: "Zoë" } })).rejects.toThrow(RouterOsValueError);
    expect(sent).toEqual([]);
    await api.print("/ppp/secret", { proplist: ["name", ".id"], where: { name: "0712" }, query: ["?disabled=false"] });
    expect(sent).toEqual([["/ppp/secret/print", "=.proplist=name,.id", "?name=0712", "?disabled=false"]]);
  });
});
