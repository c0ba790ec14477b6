// The customers list runs as one SQL function (customer_list_page); these pin its behaviour to
// what the Prisma version did: search, filters, sort, pages, capped counts, tenancy.
import { describe, expect, it } from "vitest";
import { prisma, withTenant } from "@/lib/db";
import { parseListQuery } from "@/lib/lists/list-query";
import { makeCustomer, makeTenant } from "@/lib/testing/factories";
import { CUSTOMER_LIST_SPEC, listCustomers } from "./list-customers";

const q = (params: Record<string, string>) => parseListQuery(params, CUSTOMER_LIST_SPEC);
const names = (rows: { username: string }[]) => rows.map((r) => r.username);

describe("listCustomers", () => {
  it("searches username, name and mobile case-insensitively, with wildcards taken literally", async () => {
    const t = await makeTenant();
    const other = await makeTenant();
    await makeCustomer(t.owner, { username: "amina_w", name: "Amina Wanjiru", mobile: "+254711000111" });
    await makeCustomer(t.owner, { username: "aminaxw", name: "Someone Else" });
    await makeCustomer(t.owner, { username: "brian", name: "Brian 100% Otieno" });
    await makeCustomer(other.owner, { username: "amina_w", name: "Amina Wanjiru" });

    expect(names((await listCustomers(t.owner, q({ q: "AMINA", sort: "username", dir: "asc" }))).rows)).toEqual(["amina_w", "aminaxw"]);
    expect(names((await listCustomers(t.owner, q({ q: "a_w" }))).rows)).toEqual(["amina_w"]);
    expect(names((await listCustomers(t.owner, q({ q: "100%" }))).rows)).toEqual(["brian"]);
    expect(names((await listCustomers(t.owner, q({ q: "wanjiru" }))).rows)).toEqual(["amina_w"]);
    expect(names((await listCustomers(t.owner, q({ q: "0111" }))).rows)).toEqual(["amina_w"]);
    // Two characters: no trigram, the plain scan answers the same way.
    expect(names((await listCustomers(t.owner, q({ q: "xw" }))).rows)).toEqual(["aminaxw"]);
    const found = await listCustomers(t.owner, q({ q: "amina" }));
    expect(found).toMatchObject({ total: 2, totalIsLowerBound: false });
  });

  it("filters, sorts both ways with id as tie-break, and returns rows in the API shape", async () => {
    const t = await makeTenant();
    for (const u of ["carol", "alice", "bob"]) await makeCustomer(t.owner, { username: u, name: "Same Name" });
    const asc = await listCustomers(t.owner, q({ sort: "username", dir: "asc" }));
    expect(names(asc.rows)).toEqual(["alice", "bob", "carol"]);
    expect(names((await listCustomers(t.owner, q({ sort: "username", dir: "desc" }))).rows)).toEqual(["carol", "bob", "alice"]);
    const byName = await listCustomers(t.owner, q({ sort: "name" }));
    expect(byName.rows.map((r) => r.id)).toEqual([...byName.rows.map((r) => r.id)].sort());
    expect(asc.rows[0]).toMatchObject({ status: "ACTIVE", connectionType: "PPPOE", ownerName: null, packageName: null, expiresAt: null });
    expect(asc.rows[0]!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect((await listCustomers(t.owner, q({ status: "SUSPENDED" }))).total).toBe(0);
    expect((await listCustomers(t.owner, q({ connectionType: "PPPOE" }))).total).toBe(3);
  });

  it("counts up to a cap, pages past it without counting, and says when more rows follow", async () => {
    const t = await makeTenant();
    for (let i = 0; i < 12; i++) await makeCustomer(t.owner, { username: `cap${String(i).padStart(2, "0")}` });
    const query = (page: string) => q({ pageSize: "10", page, sort: "username", dir: "asc" });
    const first = await listCustomers(t.owner, query("1"), { countCap: 11 });
    expect(first).toMatchObject({ total: 11, totalIsLowerBound: true });
    expect(names(first.rows)).toEqual(Array.from({ length: 10 }, (_, i) => `cap${String(i).padStart(2, "0")}`));
    const second = await listCustomers(t.owner, query("2"), { countCap: 11 });
    expect(second).toMatchObject({ total: 12, totalIsLowerBound: false });
    expect(names(second.rows)).toEqual(["cap10", "cap11"]);
    const exact = await listCustomers(t.owner, query("1"), { countCap: 50 });
    expect(exact).toMatchObject({ total: 12, totalIsLowerBound: false });
    const deepWithMore = await listCustomers(t.owner, q({ pageSize: "10", sort: "username", dir: "asc" }), { countCap: 5 });
    expect(deepWithMore).toMatchObject({ total: 10, totalIsLowerBound: true });
  });

  it("never crosses tenants, and refuses a transaction bound to another tenant", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    await makeCustomer(b.owner, { username: "only-in-b" });
    expect((await listCustomers(a.owner, q({ q: "only-in-b" }))).total).toBe(0);
    await expect(
      withTenant(a.owner.tenantId, (tx) =>
        tx.$queryRaw`SELECT customer_list_page(${b.owner.tenantId}::uuid, 'all', NULL, NULL, NULL, NULL, NULL, 'username', false, 0, 10, 11, NULL, NULL)`,
      ),
    ).rejects.toThrow(/another tenant/);
    // The index-served helpers answer nothing without a tenant.
    const [none] = await prisma().$queryRaw<[{ n: number; ids: number }]>`SELECT customer_count_filtered(NULL, NULL, 100) AS n, (SELECT count(*)::int FROM customer_search_ids('%only%', 10)) AS ids`;
    expect(none).toEqual({ n: 0, ids: 0 });
    // Outside a transaction the tenant it set ends with its statement.
    await listCustomers(a.owner, q({}));
    const [{ tenant }] = await prisma().$queryRaw<[{ tenant: string | null }]>`SELECT current_setting('app.tenant_id', true) AS tenant`;
    expect(tenant ?? "").toBe("");
  });
});

describe("listCustomers keyset pages", () => {
  it("walks every row once with nextCursor, in any sort, and ignores forged cursors", async () => {
    const t = await makeTenant();
    for (let i = 0; i < 7; i++) await makeCustomer(t.owner, { username: `key${i}`, name: i % 2 ? "Same" : "Other" });
    for (const [sort, dir] of [["username", "asc"], ["name", "desc"], ["createdAt", "desc"], ["status", "asc"]] as const) {
      const seen: string[] = [];
      let after: string | undefined;
      for (let guard = 0; guard < 10; guard++) {
        const page = await listCustomers(t.owner, q({ pageSize: "10", sort, dir, ...(after ? { after } : {}) }), { countCap: 3 });
        seen.push(...page.rows.map((r) => r.username));
        if (!page.nextCursor) break;
        after = page.nextCursor;
      }
      expect(seen.sort(), `${sort} ${dir}`).toEqual(["key0", "key1", "key2", "key3", "key4", "key5", "key6"]);
    }
    const bySize = async (after?: string) => listCustomers(t.owner, q({ pageSize: "10", sort: "username", dir: "asc", ...(after ? { after } : {}) }), { countCap: 100 });
    const forged = Buffer.from(JSON.stringify(["not a date", "00000000-0000-0000-0000-000000000000"])).toString("base64url");
    expect((await listCustomers(t.owner, q({ sort: "createdAt", after: forged }))).rows).toHaveLength(7);
    expect((await bySize("garbage")).rows).toHaveLength(7);
  });
});
