// The walls between FreeRADIUS and the ISPs' data (docs/radius.md, "Walls"), against the real
// FreeRADIUS on the shipped config: values are delivered literally whatever they hold, its
// database role can do nothing but call the radius_nas_* functions, and answers are signed.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { updateCustomer } from "@/lib/customers/update-customer";
import { makeCustomer, makePackage, makeRouter, makeTenant, uniq } from "@/lib/testing/factories";
import { freeradiusInstalled } from "./server/run-freeradius";
import { sharedTestFreeradius } from "./testing/freeradius-fixture";
import { chapAttributes, mschapv2RequestAttributes, papAttributes, sendRadius, type RadiusAttribute, type SendOptions } from "./testing/radius-client";

const server = sharedTestFreeradius();

type Nas = { nasIp: string; secret: string };
const auth = (attrs: RadiusAttribute[], router: Nas, options: Partial<SendOptions> = {}) =>
  sendRadius("Access-Request", [...attrs, ["NAS-IP-Address", router.nasIp]], { port: server().authPort, secret: router.secret, from: router.nasIp, timeoutMs: 700, ...options });

/** Text an operator (or a CSV import) can type, which FreeRADIUS must never read as anything else. */
const PAYLOADS = [
  "`%{sql:SELECT count(*) FROM radcheck}`",
  "`/bin/echo pwned`",
  "%{sql:SELECT secret FROM nas LIMIT 1}",
  '"double-quoted"',
  "'single-quoted'",
  "back\\slash \\n \\\\ \\' \\\" \\101 end\\",
  "line\nbreak\ttab\r",
  "ünïcødé ✓ 中文",
  // The longest password (128), every character one FreeRADIUS needs escaped: 258 characters quoted.
  "\\'".repeat(64),
];

/** An ISP whose customer `victim` another ISP's payload would try to read. */
async function victimIsp() {
  const t = await makeTenant();
  const pkg = await makePackage(t.owner, { rateDown: "10M", rateUp: "2M" });
  await makeCustomer(t.owner, { username: uniq("victim"), password: "victim-secret-pw", packageId: pkg.id });
}

describe.runIf(freeradiusInstalled() || process.env.CI)("FreeRADIUS walls", () => {
  it("a password holding back-quotes, %{...}, quotes, backslashes, newlines or non-ASCII authenticates as exactly itself (PAP, CHAP, MS-CHAPv2) and nothing else", async () => {
    await victimIsp();
    const t = await makeTenant();
    const pkg = await makePackage(t.owner, { rateDown: "10M", rateUp: "2M" });
    const router = await makeRouter(t.owner);
    for (const [i, password] of PAYLOADS.entries()) {
      const c = await makeCustomer(t.owner, { username: uniq(`lit${i}`), password, packageId: pkg.id });
      for (const attrs of [papAttributes(c.username, password), chapAttributes(c.username, password), mschapv2RequestAttributes(c.username, password)]) {
        expect((await auth(attrs, router))?.code, JSON.stringify(password)).toBe("Access-Accept");
      }
      // What the old parsing turned it into: the expansion's result, the unquoted or unescaped text.
      const impostors = ["1", "2", "3", "4", "0", "pwned", "victim-secret-pw", password.slice(1, -1), password.replaceAll("\\\\", "\\"), password.replaceAll("\\n", "\n")];
      for (const wrong of impostors.filter((w) => w !== password && w.length > 0)) {
        expect((await auth(papAttributes(c.username, wrong), router))?.code, `${JSON.stringify(password)} vs ${JSON.stringify(wrong)}`).toBe("Access-Reject");
      }
    }
  }, 60_000);

  it("a package's IP pool comes back byte-for-byte, whatever it holds", async () => {
    await victimIsp();
    const t = await makeTenant();
    const router = await makeRouter(t.owner);
    // A pool name is at most 64 characters on one line (packages.schema.ts).
    for (const [i, pool] of PAYLOADS.map((p) => p.replace(/[\n\t\r]/g, " ").trim().slice(0, 64)).entries()) {
      const pkg = await makePackage(t.owner, { ipPool: pool });
      const c = await makeCustomer(t.owner, { username: uniq(`pool${i}`), password: "pool-pw-123", packageId: pkg.id });
      const reply = await auth(papAttributes(c.username, "pool-pw-123"), router);
      expect(reply?.code).toBe("Access-Accept");
      expect(reply?.attributes["Framed-Pool"], JSON.stringify(pool)).toBe(pool);
    }
  });

  it("FreeRADIUS's database role may call its functions but read or write no table, and does not bypass row-level security", async () => {
    const client = new pg.Client({ connectionString: process.env.RADIUS_DATABASE_URL });
    await client.connect();
    try {
      const role = await client.query<{ rolbypassrls: boolean; rolsuper: boolean }>("SELECT rolbypassrls, rolsuper FROM pg_roles WHERE rolname = current_user");
      expect(role.rows[0]).toEqual({ rolbypassrls: false, rolsuper: false });
      for (const table of ["radcheck", "radreply", "radgroupcheck", "radgroupreply", "radusergroup", "radexpiry", "radacct", "radpostauth", "nas", "customers", "routers", "tenants", "operators"]) {
        await expect(client.query(`SELECT count(*) FROM ${table}`), table).rejects.toThrow(/permission denied/);
      }
      await expect(client.query("INSERT INTO radpostauth (username) VALUES ('x')")).rejects.toThrow(/permission denied/);
      await expect(client.query("UPDATE radacct SET username = 'x'")).rejects.toThrow(/permission denied/);
      // The tenant-taking internals are not FreeRADIUS's: a tenant is never its choice.
      await expect(client.query("SELECT * FROM radius_authorize(gen_random_uuid(), 'x')")).rejects.toThrow(/permission denied/);
      await expect(client.query("SELECT * FROM radius_nas_claim('127.0.0.1')")).rejects.toThrow(/permission denied/);
      // Its own calls work, confined to the ISP of the address they name.
      const unknown = await client.query("SELECT * FROM radius_nas_authorize('192.0.2.1', 'nobody')");
      expect(unknown.rows).toEqual([]);
    } finally {
      await client.end();
    }
  });

  it("answers every Access-Request with a Message-Authenticator that verifies with the router's secret", async () => {
    const t = await makeTenant();
    const pkg = await makePackage(t.owner);
    const router = await makeRouter(t.owner);
    const c = await makeCustomer(t.owner, { username: uniq("ma"), password: "ma-pw-1234", packageId: pkg.id });
    // sendRadius takes only an answer whose authenticators verify: with a Message-Authenticator in
    // the request, that includes the answer's own (RFC 3579 3.2).
    for (const password of ["ma-pw-1234", "wrong-pw"]) {
      const reply = await auth(papAttributes(c.username, password), router);
      expect(reply?.code).toBe(password === "wrong-pw" ? "Access-Reject" : "Access-Accept");
      expect(reply?.attributes["Message-Authenticator"]).toBeInstanceOf(Buffer);
    }
  });

  it("a router that requires Message-Authenticator: a request without one, or signed with a wrong secret, gets no answer at all", async () => {
    const t = await makeTenant();
    const pkg = await makePackage(t.owner, { rateDown: "10M", rateUp: "2M" });
    const router = await makeRouter(t.owner);
    const c = await makeCustomer(t.owner, { username: uniq("blast"), password: "blast-pw-1", packageId: pkg.id, staticIp: "10.1.2.3" });
    expect((await auth(chapAttributes(c.username, "blast-pw-1"), router))?.code).toBe("Access-Accept");
    // BlastRADIUS: CHAP does not involve the secret, so without a Message-Authenticator a forger
    // with the wrong secret used to get the Accept and its attributes.
    expect(await auth(chapAttributes(c.username, "blast-pw-1"), router, { messageAuthenticator: false, unverified: true })).toBeNull();
    expect(await auth(chapAttributes(c.username, "blast-pw-1"), { ...router, secret: "not-the-secret" }, { unverified: true })).toBeNull();
    expect(await auth(chapAttributes(c.username, "blast-pw-1"), { ...router, secret: "not-the-secret" }, { messageAuthenticator: false, unverified: true })).toBeNull();
  });

  it("a router whose ISP turned the requirement off still logs in without one (RouterOS before 7.15)", async () => {
    const t = await makeTenant();
    const pkg = await makePackage(t.owner);
    const router = await makeRouter(t.owner, { requireMessageAuthenticator: false });
    const c = await makeCustomer(t.owner, { username: uniq("old"), password: "old-ros-pw", packageId: pkg.id });
    expect((await auth(chapAttributes(c.username, "old-ros-pw"), router, { messageAuthenticator: false }))?.code).toBe("Access-Accept");
    expect((await auth(papAttributes(c.username, "old-ros-pw"), router))?.code).toBe("Access-Accept");
  });

  it("a user name with quotes, backslashes and SQL reaches accounting and the auth log as text, in the router's ISP", async () => {
    const t = await makeTenant();
    const router = await makeRouter(t.owner);
    const username = "o'brien\\\"; DROP TABLE radacct; --`%{sql:SELECT 1}`";
    const session = uniq("sess");
    const reply = await sendRadius("Accounting-Request", [["User-Name", username], ["Acct-Status-Type", "Start"], ["Acct-Session-Id", session], ["NAS-IP-Address", router.nasIp]], {
      port: server().acctPort,
      secret: router.secret,
      from: router.nasIp,
    });
    expect(reply?.code).toBe("Accounting-Response");
    await auth(papAttributes(username, "whatever-pw"), router);
    const [acct, log] = await withTenant(t.tenantId, (tx) => Promise.all([tx.radAcct.findMany({ where: { acctsessionid: session } }), tx.radPostAuth.findMany({ where: { nasipaddress: router.nasIp } })]));
    // FreeRADIUS itself prints a backslash or a double quote in an expanded attribute escaped
    // (customer usernames never hold either: customers.schema.ts); nothing else changes.
    const asFreeradiusPrintsIt = username.replaceAll("\\", "\\\\").replaceAll('"', '\\"');
    expect(acct.map((a) => [a.username, a.tenantId])).toEqual([[asFreeradiusPrintsIt, t.tenantId]]);
    expect(log.map((l) => [l.username, l.tenantId])).toEqual([[asFreeradiusPrintsIt, t.tenantId]]);
  });

  it("a suspended customer with a payload password is still refused or captive, never expanded", async () => {
    const t = await makeTenant();
    const pkg = await makePackage(t.owner);
    const router = await makeRouter(t.owner);
    const password = "`%{sql:SELECT 1}`";
    const c = await makeCustomer(t.owner, { username: uniq("susp"), password, packageId: pkg.id });
    await updateCustomer(t.owner, { id: c.id, name: c.name, packageId: pkg.id, connectionType: "PPPOE", status: "DISABLED" });
    expect((await auth(papAttributes(c.username, password), router))?.code).toBe("Access-Reject");
    expect((await auth(papAttributes(c.username, "1"), router))?.code).toBe("Access-Reject");
  });
});
