import { describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { makeCustomer, makePackage, makeTenant } from "@/lib/testing/factories";
import { parseCsv } from "@/lib/csv/csv";
import { exportCustomersCsv } from "./export-customers";
import { importCustomers } from "./import-customers";

describe("CSV import and export", () => {
  it("a dry run names every bad row and why; the commit creates the good ones with their RADIUS rows", async () => {
    const t = await makeTenant();
    await makePackage(t.owner, { name: "Home 10M" });
    await makeCustomer(t.owner, { username: "taken" });
    const csv = [
      "username,password,name,mobile,package,expires_at,status",
      "alice,alice-pw-1,Alice A,+254700000001,Home 10M,2027-01-31T23:59,ACTIVE",
      "bob,short,Bob B,,Home 10M,,",
      "taken,taken-pw-1,Someone,,,,",
      "carol,carol-pw-1,Carol C,not-a-phone,Gold 1G,,SLEEPING",
      "alice,alice-pw-2,Alice Again,,,,",
      'dave,dave-pw-12,"Dave, D",,home 10m,,SUSPENDED',
    ].join("\n");

    const dry = await importCustomers(t.owner, csv, { commit: false });
    expect(dry).toMatchObject({ rows: 6, valid: 2, created: 0 });
    expect(dry.problems.map((p) => `${p.line}:${p.field}`)).toEqual(["3:password", "4:username", "5:package", "5:mobile", "5:status", "6:username"]);
    expect(await withTenant(t.tenantId, (tx) => tx.customer.count())).toBe(1);

    const done = await importCustomers(t.owner, csv, { commit: true });
    expect(done).toMatchObject({ valid: 2, created: 2 });
    const rows = await withTenant(t.tenantId, (tx) => tx.customer.findMany({ where: { username: { in: ["alice", "dave"] } }, orderBy: { username: "asc" } }));
    expect(rows.map((r) => [r.username, r.status, r.name])).toEqual([["alice", "ACTIVE", "Alice A"], ["dave", "SUSPENDED", "Dave, D"]]);
    expect(await withTenant(t.tenantId, (tx) => tx.radCheck.count({ where: { username: "alice", attribute: "Cleartext-Password" } }))).toBe(1);

    const exported = parseCsv(await exportCustomersCsv(t.owner));
    expect(exported[0]).toContain("package");
    expect(exported.map((r) => r[0])).toEqual(["username", "alice", "dave", "taken"]);
    expect(exported.flat().join()).not.toMatch(/alice-pw|argon2/);
  });

  it("refuses a file with the wrong header", async () => {
    const t = await makeTenant();
    await expect(importCustomers(t.owner, "user,pass\nx,y", { commit: false })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { file: [expect.stringContaining("missing username, password, name")] } });
  });
});
