import { afterEach, describe, expect, it } from "vitest";
import { challengeResponse, startRouterSim, type RouterSim, type RouterSimOptions } from "./index";
import { RawClient, typesOf } from "./raw-client";

let sim: RouterSim | undefined;
const clients: RawClient[] = [];

async function open(options: RouterSimOptions = {}): Promise<RawClient> {
  sim = await startRouterSim({ users: [{ name: "admin", password: "s3cret" }], ...options });
  const c = await RawClient.connect({ port: sim.port });
  clients.push(c);
  return c;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await sim?.close();
  sim = undefined;
});

describe("login (6.43+ form)", () => {
  it("accepts the right password", async () => {
    const c = await open();
    const r = await c.command(["/login", "=name=admin", "=password=s3cret"]);
    expect(typesOf(r)).toEqual(["!done"]);
    expect(typesOf(await c.command(["/system/identity/print"]))).toEqual(["!re", "!done"]);
  });

  it.each([
    ["a wrong password", ["=name=admin", "=password=nope"]],
    ["an unknown user", ["=name=root", "=password=s3cret"]],
  ])("traps %s with RouterOS's message, then !done, and stays unauthenticated", async (_case, args) => {
    const c = await open();
    const r = await c.command(["/login", ...args]);
    expect(typesOf(r)).toEqual(["!trap", "!done"]);
    expect(r[0]!.attrs.message).toBe("invalid user name or password (6)");
    const after = await c.command(["/ppp/secret/print"]);
    expect(after[0]!.attrs.message).toBe("not logged in");
  });

  it("traps any command before login", async () => {
    const c = await open();
    const r = await c.command(["/ppp/secret/print"]);
    expect(typesOf(r)).toEqual(["!trap", "!done"]);
    expect(r[0]!.attrs.message).toBe("not logged in");
  });

  it("rejects even the right password while the rejectLogin fault is set", async () => {
    const c = await open();
    sim!.faults.rejectLogin = true;
    const r = await c.command(["/login", "=name=admin", "=password=s3cret"]);
    expect(r[0]!.attrs.message).toBe("invalid user name or password (6)");
    sim!.faults.rejectLogin = false;
    expect(typesOf(await c.command(["/login", "=name=admin", "=password=s3cret"]))).toEqual(["!done"]);
  });

  it("ends the session on /quit with !fatal and closes the socket", async () => {
    const c = await open();
    await c.command(["/login", "=name=admin", "=password=s3cret"]);
    c.send(["/quit"]);
    const fatal = await c.waitFor((r) => r.type === "!fatal");
    expect(fatal.words).toEqual(["!fatal", "session terminated on request"]);
    await c.waitClose();
  });
});

describe("legacy challenge login (before 6.43)", () => {
  async function challenge(c: RawClient, args: string[] = []): Promise<Buffer> {
    const r = await c.command(["/login", ...args]);
    expect(typesOf(r)).toEqual(["!done"]);
    expect(r[0]!.attrs.ret).toMatch(/^[0-9a-f]{32}$/);
    return Buffer.from(r[0]!.attrs.ret!, "hex");
  }

  it("answers /login with a challenge and accepts 00 + md5(0 + password + challenge)", async () => {
    const c = await open({ legacyLogin: true });
    const ch = await challenge(c, ["=name=admin", "=password=s3cret"]); // old routers ignore these
    const r = await c.command(["/login", "=name=admin", `=response=${challengeResponse("s3cret", ch)}`]);
    expect(typesOf(r)).toEqual(["!done"]);
    expect(typesOf(await c.command(["/system/identity/print"]))).toEqual(["!re", "!done"]);
  });

  it("is the default for versions before 6.43", async () => {
    const c = await open({ version: "6.42.12" });
    await challenge(c, ["=name=admin", "=password=s3cret"]);
  });

  it("traps a wrong response with the old 'cannot log in'", async () => {
    const c = await open({ legacyLogin: true });
    const ch = await challenge(c);
    const r = await c.command(["/login", "=name=admin", `=response=${challengeResponse("wrong", ch)}`]);
    expect(typesOf(r)).toEqual(["!trap", "!done"]);
    expect(r[0]!.attrs.message).toBe("cannot log in");
  });

  it("does not accept a response without a fresh challenge", async () => {
    const c = await open({ legacyLogin: true });
    const r = await c.command(["/login", "=name=admin", `=response=${challengeResponse("s3cret", Buffer.alloc(16))}`]);
    expect(r[0]!.type).toBe("!trap");
  });
});
