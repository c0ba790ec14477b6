import { describe, expect, it } from "vitest";
import { authenticateCustomer } from "@/lib/auth/authenticate";
import { withTenant } from "@/lib/db";
import { parseCsv } from "@/lib/csv/csv";
import { projectCustomer } from "@/lib/radius/project-customer";
import { makeCustomer, makeOperator, makePackage, makeTenant, uniq } from "@/lib/testing/factories";
import type { OperatorActor } from "@/lib/audit/actor";
import { SEALED_PASSWORD_HASH } from "./customer-password";
import { exportCustomersCsv } from "./export-customers";
import { checkCustomerImport, getCustomerImport, importBatch, loadImportRun, runCustomerImport, startCustomerImport } from "./import-customers";

const bytes = (text: string) => new TextEncoder().encode(text);

/** Check, then import the stored file (the file is not sent again). */
async function checkAndImport(actor: OperatorActor, csv: string, options: { batchRows?: number } = {}) {
  const checked = await checkCustomerImport(actor, "customers.csv", bytes(csv));
  await startCustomerImport(actor, checked.id);
  await runCustomerImport(actor.tenantId, checked.id, undefined, options);
  return { checked, done: await getCustomerImport(actor, checked.id) };
}

const lineFields = (problems: { line: number; field: string }[]) => problems.map((p) => `${p.line}:${p.field}`);

async function radiusRows(tenantId: string, usernames: string[]) {
  return withTenant(tenantId, async (tx) => {
    const where = { tenantId, username: { in: usernames } };
    const strip = <T extends { id?: unknown }>(rows: T[]) => rows.map(({ id: _id, ...r }) => JSON.stringify(r)).sort();
    return {
      check: strip(await tx.radCheck.findMany({ where })),
      reply: strip(await tx.radReply.findMany({ where })),
      group: strip(await tx.radUserGroup.findMany({ where })),
      expiry: (await tx.radExpiry.findMany({ where })).map((r) => JSON.stringify(r)).sort(),
    };
  });
}

describe("CSV import", () => {
  it("what the check calls ready is exactly what the import creates: 4 of 6 ready imports 4", async () => {
    const t = await makeTenant();
    await makePackage(t.owner, { name: "Home 10M", connectionTypes: ["PPPOE", "STATIC"] });
    const csv = [
      "username,password,name,package,expires_at,connection_type,static_ip,mac",
      "alice,alice-pw-1,Alice A,Home 10M,2027-01-31,,,",
      "bob,bob-pw-123,Bob B,Home 10M,31/01/2027,,,",
      "carol,carol-pw-1,Carol C,Home 10M,,STATIC,,",
      "dave,dave-pw-12,Dave D,Home 10M,2027-01-31T10:00:00Z,,,",
      "erin,erin-pw-12,Erin E,Home 10M,,STATIC,10.9.0.5,AA-BB-CC-00-11-22",
      "frank,frank-pw-1,Frank F,,,,,",
    ].join("\n");
    const { checked, done } = await checkAndImport(t.owner, csv);
    expect(checked).toMatchObject({ rowsTotal: 6, rowsReady: 4, status: "CHECKED" });
    expect(lineFields(checked.problems)).toEqual(["3:expires_at", "4:static_ip", "4:mac"]);
    expect(checked.problems[0]!.message).toMatch(/year-month-day.*31\/01\/2027 could be day\/month or month\/day/);
    expect(done).toMatchObject({ status: "DONE", rowsDone: 6, created: 4 });
    expect(done.problems).toEqual(checked.problems);
    const rows = await withTenant(t.tenantId, (tx) => tx.customer.findMany({ orderBy: { username: "asc" } }));
    expect(rows.map((r) => r.username)).toEqual(["alice", "dave", "erin", "frank"]);
    // A local date is read in the ISP's zone (Nairobi, UTC+3); an ISO instant as written.
    expect(rows.map((r) => r.expiresAt?.toISOString() ?? null)).toEqual(["2027-01-30T21:00:00.000Z", "2027-01-31T10:00:00.000Z", null, null]);
    expect(rows[2]).toMatchObject({ connectionType: "STATIC", staticIp: "10.9.0.5", macAddress: "AA:BB:CC:00:11:22" });
  });

  it("names every bad row and why; creates the good ones with their RADIUS rows, as projectCustomer writes them", async () => {
    const t = await makeTenant();
    const pkg = await makePackage(t.owner, { name: "Home 10M" });
    await makeCustomer(t.owner, { username: "taken" });
    const future = new Date(Date.now() + 20 * 86_400_000).toISOString();
    const csv = [
      "username,password,name,mobile,package,expires_at,status,connection_type,mac,mac_lock,static_ip",
      `alice,alice-pw-1,Alice A,+254700000001,Home 10M,${future},ACTIVE,,,,10.1.0.7`,
      "bob,short,Bob B,,Home 10M,,,,,,",
      "taken,taken-pw-1,Someone,,,,,,,,",
      "carol,carol-pw-1,Carol C,not-a-phone,Gold 1G,,SLEEPING,,,,",
      "alice,alice-pw-2,Alice Again,,,,,,,,",
      'dave,dave-pw-12,"Dave, D",,home 10m,,SUSPENDED,,,,',
      `hot1,hot1-pw-12,Hot Spot,,Home 10M,${future},,HOTSPOT,aa:bb:cc:dd:ee:01,yes,`,
    ].join("\n");
    const { checked, done } = await checkAndImport(t.owner, csv);
    expect(checked).toMatchObject({ rowsTotal: 7, rowsReady: 3 });
    expect(lineFields(checked.problems)).toEqual(["3:password", "4:username", "5:package", "5:status", "5:mobile", "6:username"]);
    expect(done).toMatchObject({ created: 3 });
    const rows = await withTenant(t.tenantId, (tx) => tx.customer.findMany({ where: { username: { in: ["alice", "dave", "hot1"] } }, orderBy: { username: "asc" } }));
    expect(rows.map((r) => [r.username, r.status, r.name, r.packageId])).toEqual([["alice", "ACTIVE", "Alice A", pkg.id], ["dave", "SUSPENDED", "Dave, D", pkg.id], ["hot1", "ACTIVE", "Hot Spot", pkg.id]]);
    expect(rows.every((r) => r.passwordHash === SEALED_PASSWORD_HASH && r.operatorId === null)).toBe(true);

    const logins = ["alice", "dave", "hot1", "AA:BB:CC:DD:EE:01"];
    const imported = await radiusRows(t.tenantId, logins);
    expect(imported.check.length).toBe(6); // 4 passwords + the MAC lock on both of hot1's logins
    await withTenant(t.tenantId, async (tx) => {
      for (const r of rows) await projectCustomer(tx, r.id);
    });
    expect(await radiusRows(t.tenantId, logins)).toEqual(imported);

    const exported = parseCsv(await exportCustomersCsv(t.owner));
    expect(exported.map((r) => r[0])).toEqual(["username", "alice", "dave", "hot1", "taken"]);
    expect(exported.flat().join()).not.toMatch(/alice-pw|argon2|sealed/);
  });

  it("refuses a file with the wrong header, and a file that is not a CSV of customers", async () => {
    const t = await makeTenant();
    await expect(checkCustomerImport(t.owner, "x.csv", bytes("user,pass\nx,y"))).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { file: [expect.stringContaining("missing username, password, name")] } });
    await expect(checkCustomerImport(t.owner, "x.csv", bytes(""))).rejects.toMatchObject({ fieldErrors: { file: ["The file is empty."] } });
  });

  it("reads ; separated files and reports a broken quote on its line without swallowing the next rows", async () => {
    const t = await makeTenant();
    const csv = ["username;password;name", 'ann1;ann-pw-12;"Ann, A', "ben1;ben-pw-12;Ben B", 'cat1;cat-pw-12;"Cat; C"'].join("\r\n");
    const { checked, done } = await checkAndImport(t.owner, csv);
    expect(checked).toMatchObject({ rowsTotal: 3, rowsReady: 2, problems: [{ line: 2, field: "row", message: expect.stringMatching(/quote.*line 2/) }] });
    expect(done).toMatchObject({ created: 2, problems: checked.problems });
    const names = await withTenant(t.tenantId, (tx) => tx.customer.findMany({ orderBy: { username: "asc" }, select: { name: true } }));
    expect(names.map((n) => n.name)).toEqual(["Ben B", "Cat; C"]);
  });

  it("keeps a 2 MB file between the check and the import, in batches, and shows the progress", async () => {
    const t = await makeTenant();
    const pad = "x".repeat(1900);
    const lines = ["username,password,name,notes", ...Array.from({ length: 1100 }, (_, i) => `big${i},password-${i},Big ${i},${pad}`)];
    const csv = lines.join("\n");
    expect(csv.length).toBeGreaterThan(2_000_000);
    const checked = await checkCustomerImport(t.owner, "big.csv", bytes(csv));
    expect(checked).toMatchObject({ rowsTotal: 1100, rowsReady: 1100, problems: [] });
    await startCustomerImport(t.owner, checked.id);
    await expect(startCustomerImport(t.owner, checked.id)).rejects.toMatchObject({ code: "CONFLICT" });
    const seen: string[] = [];
    await runCustomerImport(t.tenantId, checked.id, { run: (_id, fn) => fn(), progress: async (d, n) => void seen.push(`${d}/${n}`) }, { batchRows: 500 });
    expect(seen).toEqual(["500/1100", "1000/1100", "1100/1100"]);
    expect(await getCustomerImport(t.owner, checked.id)).toMatchObject({ status: "DONE", rowsDone: 1100, created: 1100 });
    expect(await withTenant(t.tenantId, (tx) => tx.customer.count())).toBe(1100);
    expect(await withTenant(t.tenantId, (tx) => tx.auditLog.count({ where: { action: "customer.import" } }))).toBe(3);
  });

  it("a crash mid-import is resumed by the retried run: every row once", async () => {
    const t = await makeTenant();
    const csv = ["username,password,name", ...Array.from({ length: 7 }, (_, i) => `res${i},password-${i},Resumed ${i}`)].join("\n");
    const checked = await checkCustomerImport(t.owner, "r.csv", bytes(csv));
    await startCustomerImport(t.owner, checked.id);
    const first = (await loadImportRun(t.tenantId, checked.id, 3))!;
    await importBatch(first, 0);
    // The worker dies in the middle of batch 1: its transaction rolls back with nothing of it kept.
    const dying = { ...first, ctx: { ...first.ctx, packagesByName: new Map() }, rows: first.rows.map((r, i) => (i === 4 ? { ...r, get: () => { throw new Error("worker killed"); } } : r)) };
    await expect(importBatch(dying, 1)).rejects.toThrow("worker killed");
    expect(await getCustomerImport(t.owner, checked.id)).toMatchObject({ status: "RUNNING", rowsDone: 3, created: 3 });
    // The retried run starts over without its step memory: batch 0 is skipped, not repeated.
    await runCustomerImport(t.tenantId, checked.id, undefined, { batchRows: 3 });
    await runCustomerImport(t.tenantId, checked.id, undefined, { batchRows: 3 }); // a duplicate delivery does nothing
    expect(await getCustomerImport(t.owner, checked.id)).toMatchObject({ status: "DONE", rowsDone: 7, created: 7, problems: [] });
    const usernames = await withTenant(t.tenantId, (tx) => tx.customer.findMany({ select: { username: true }, orderBy: { username: "asc" } }));
    expect(usernames.map((u) => u.username)).toEqual(["res0", "res1", "res2", "res3", "res4", "res5", "res6"]);
    expect(await withTenant(t.tenantId, (tx) => tx.radCheck.count())).toBe(7);
  });

  it("a reseller imports into its own subtree only; managers and sub-resellers may not import", async () => {
    const t = await makeTenant();
    await makePackage(t.owner, { name: "Staff only" });
    await makePackage(t.owner, { name: "Resold", resellerVisible: true });
    const reseller = await makeOperator(t.owner, "RESELLER");
    const sub = await makeOperator(reseller.actor, "SUB_RESELLER", { parentId: reseller.id });
    const manager = await makeOperator(t.owner, "MANAGER");
    const csv = ["username,password,name,package,status", "rs1,rs1-pw-123,Res One,Resold,", "rs2,rs2-pw-123,Res Two,Staff only,", "rs3,rs3-pw-123,Res Three,Resold,ACTIVE", "rs4,rs4-pw-123,Res Four,,ACTIVE"].join("\n");
    const { checked, done } = await checkAndImport(reseller.actor, csv);
    expect(lineFields(checked.problems)).toEqual(["3:package", "4:status"]);
    expect(done.created).toBe(2);
    const c = await withTenant(t.tenantId, (tx) => tx.customer.findFirstOrThrow({ where: { username: "rs1" } }));
    expect(c.operatorId).toBe(reseller.id);
    // On a package, a reseller's imported customer starts expired: no service until recharged from the wallet.
    expect(c.status).toBe("EXPIRED");
    const groups = await withTenant(t.tenantId, (tx) => tx.radUserGroup.findMany({ where: { username: "rs1" } }));
    expect(groups.map((g) => g.groupname)).not.toContain(`pkg:${c.packageId}`);

    for (const weak of [manager.actor, sub.actor]) {
      await expect(checkCustomerImport(weak, "x.csv", bytes(csv))).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(startCustomerImport(weak, checked.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(getCustomerImport(weak, checked.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    // Another reseller does not see this one's import; staff do.
    const other = await makeOperator(t.owner, "RESELLER");
    await expect(getCustomerImport(other.actor, checked.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(startCustomerImport(other.actor, checked.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await getCustomerImport(t.owner, checked.id)).toMatchObject({ created: 2 });
  });

  it("keeps operator text literally (back-quotes, %{...}, quotes, non-ASCII); a NUL is a line error", async () => {
    const t = await makeTenant();
    const name = '`rm -rf` %{User-Name} "Q" O\'Brien Zoë 東京 🚀';
    const password = 'p%{Tunnel-Password}`"\'ü';
    const csv = ["username,password,name,notes", `lit1,"${password.replaceAll('"', '""')}","${name.replaceAll('"', '""')}",$(id) \\x00 ${"ß".repeat(3)}`, "nul1,nul-pw-123,A\u0000B,", "ok1,ok1-pw-123,Okay,"].join("\n");
    const { checked, done } = await checkAndImport(t.owner, csv);
    expect(checked.problems).toEqual([{ line: 3, username: "nul1", field: "row", message: "Contains a NUL character, which cannot be stored." }]);
    expect(done).toMatchObject({ created: 2 });
    const c = await withTenant(t.tenantId, (tx) => tx.customer.findFirstOrThrow({ where: { username: "lit1" } }));
    expect([c.name, c.notes]).toEqual([name, "$(id) \\x00 ßßß"]);
    const secret = await withTenant(t.tenantId, (tx) => tx.radCheck.findFirstOrThrow({ where: { username: "lit1", attribute: "Cleartext-Password" } }));
    expect(secret.value).toBe(password);
  });

  it("an imported customer signs in to the portal with its password, which is then hashed", async () => {
    const t = await makeTenant();
    const username = uniq("portal");
    await checkAndImport(t.owner, `username,password,name\n${username},portal-pw-12,Portal User\n`);
    expect(await authenticateCustomer(t.slug, username, "wrong-password", null)).toBeNull();
    expect(await authenticateCustomer(t.slug, username, "portal-pw-12", null)).toMatchObject({ kind: "CUSTOMER", username });
    const c = await withTenant(t.tenantId, (tx) => tx.customer.findFirstOrThrow({ where: { username } }));
    expect(c.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await authenticateCustomer(t.slug, username, "portal-pw-12", null)).toMatchObject({ username });
  });
});
