// Search statistics and the probe they steer: a faster search must find exactly what the plain
// ILIKE finds, whatever the statistics say, and one ISP's counts never touch another's.
import { describe, expect, it } from "vitest";
import { prisma, withSystem, withTenant } from "@/lib/db";
import type { AnyJobDefinition } from "@/lib/jobs/define-job";
import { relayTransactional } from "@/lib/jobs/outbox/relay";
import { startTestDriver, waitFor } from "@/lib/jobs/testing";
import { parseListQuery } from "@/lib/lists/list-query";
import { insertCustomersInBulk, makeCustomer, makeTenant } from "@/lib/testing/factories";
import { customerSearchStats, customerSearchStatsFanOut } from "./customers.jobs";
import { checkCustomerImport, runCustomerImport, startCustomerImport } from "./import-customers";
import { CUSTOMER_LIST_SPEC, listCustomers } from "./list-customers";
import { CUSTOMER_SEARCH_STATS_REQUESTED, refreshCustomerSearchStats } from "./search-stats";

async function probe(term: string, common: string[]): Promise<string | null> {
  const [row] = await prisma().$queryRaw<{ p: string | null }[]>`SELECT customer_search_probe(${term}, ${common}::text[]) AS p`;
  return row!.p;
}

async function storedTrigrams(tenantId: string) {
  const rows = await withTenant(tenantId, (tx) => tx.customerSearchTrigram.findMany({ orderBy: [{ field: "asc" }, { trigram: "asc" }] }));
  return rows.map((r) => `${r.field}:${r.trigram}=${r.customers}`);
}

describe("customer_search_probe", () => {
  it("keeps the longest run of rare trigrams, the last of equals, lowercased", async () => {
    expect(await probe("user0421", ["use", "ser", "er0", "r04"])).toBe("0421");
    expect(await probe("USER0421", ["use", "ser", "er0", "r04"])).toBe("0421");
    expect(await probe("John Kamau", ["joh"])).toBe("kamau");
    expect(await probe("abcqqqdef", ["cqq", "qqq", "qqd"])).toBe("qdef");
    expect(await probe("+254700123", ["254", "547", "470", "700"])).toBe("00123");
  });

  it("is NULL (probe with the whole term) when nothing is common or nothing rare is left", async () => {
    expect(await probe("user0421", [])).toBeNull();
    expect(await probe("user0421", ["zzz"])).toBeNull();
    expect(await probe("ab", ["abc"])).toBeNull();
  });

  it("is '' when every trigram of the term is common (it matches many: scan, do not probe)", async () => {
    expect(await probe("user", ["use", "ser"])).toBe("");
    // Trigrams across a space or a symbol are never part of a run.
    expect(await probe("ab user", ["use", "ser"])).toBe("");
  });
});

describe("customer search with statistics", () => {
  it("finds exactly what the plain ILIKE finds, with or without common trigrams stored", async () => {
    const t = await makeTenant();
    const other = await makeTenant();
    for (let i = 1; i <= 30; i++) {
      await makeCustomer(t.owner, { username: `user${String(i).padStart(4, "0")}`, name: i % 2 ? `Subscriber ${i}` : `Wanjiku Kamau ${i}`, mobile: `+2547000${String(i).padStart(5, "0")}` });
    }
    await makeCustomer(t.owner, { username: "x_user0021", name: "Brian 100% Otieno" });
    await makeCustomer(t.owner, { username: "plain", name: "USER0021 in capitals" });
    await makeCustomer(other.owner, { username: "user0021", name: "Other ISP" });
    const everyone = (await listCustomers(t.owner, parseListQuery({ pageSize: "100" }, CUSTOMER_LIST_SPEC))).rows;
    const expected = (term: string) =>
      everyone.filter((c) => [c.username, c.name, c.mobile ?? ""].some((v) => v.toLowerCase().includes(term.toLowerCase()))).map((c) => c.id).sort();
    const search = async (term: string) =>
      (await listCustomers(t.owner, parseListQuery({ q: term, pageSize: "100" }, CUSTOMER_LIST_SPEC))).rows.map((c) => c.id).sort();
    const terms = ["user0021", "USER002", "r002", "er00", "0021", "Subscriber 2", "kamau 1", "wanjiku", "+254700000", "0000012", "user0021x", "ser0", "x_u", "100%", "nobody"];

    const before = await Promise.all(terms.map(search));
    // What the job would store for an ISP whose usernames, names and mobiles share these parts.
    await withTenant(t.tenantId, (tx) =>
      tx.customerSearchTrigram.createMany({
        data: [
          ...["use", "ser", "er0", "r00", "002"].map((trigram) => ({ tenantId: t.tenantId, field: "username", trigram, customers: 5000 })),
          ...["sub", "ubs", "bsc", "scr", "cri", "rib", "ibe", "ber", "kam", "ama", "mau"].map((trigram) => ({ tenantId: t.tenantId, field: "name", trigram, customers: 5000 })),
          ...["254", "547", "470", "700", "000"].map((trigram) => ({ tenantId: t.tenantId, field: "mobile", trigram, customers: 5000 })),
        ],
      }),
    );
    const after = await Promise.all(terms.map(search));
    for (const [i, term] of terms.entries()) {
      expect(after[i], term).toEqual(expected(term));
      expect(before[i], term).toEqual(expected(term));
    }
    expect(after[0]!.length).toBe(3); // user0021, x_user0021, and the name in capitals
    // The other ISP's statistics are its own, and invisible here.
    expect(await withTenant(other.tenantId, (tx) => tx.customerSearchTrigram.count())).toBe(0);
  });
});

describe("a search matching more customers than the cap", () => {
  it("pages in sort order through the index, with the total capped, with or without statistics", async () => {
    const t = await makeTenant();
    await insertCustomersInBulk(t.tenantId, 1100, { username: "user%s", name: "Person %s" });
    await insertCustomersInBulk(t.tenantId, 5, { username: "zed%s", name: "Someone %s" });
    const page = (params: Record<string, string>) => listCustomers(t.owner, parseListQuery({ pageSize: "25", ...params }, CUSTOMER_LIST_SPEC));
    const usernames = Array.from({ length: 1100 }, (_, i) => `user${i + 1}`).sort();
    for (const stats of [false, true]) {
      if (stats) await refreshCustomerSearchStats(t.tenantId);
      for (const term of ["user", "er"]) {
        const found = await page({ q: term, sort: "username", dir: "asc" });
        expect(found.rows.map((r) => r.username), `${term} ${stats}`).toEqual(usernames.slice(0, 25));
        expect(found, `${term} ${stats}`).toMatchObject({ total: 1000, totalIsLowerBound: true });
      }
      // user1, user10..19, user100..199, user1000..1100: under the cap, counted exactly.
      const ones = await page({ q: "USER1", sort: "username", dir: "desc" });
      expect(ones).toMatchObject({ total: 212, totalIsLowerBound: false });
      expect(ones.rows.map((r) => r.username)).toEqual(usernames.filter((u) => u.startsWith("user1")).reverse().slice(0, 25));
      const newest = await page({ q: "person", sort: "createdAt", dir: "desc" });
      expect(newest.rows).toHaveLength(25);
      expect(newest.nextCursor).not.toBeNull();
      const next = await page({ q: "person", sort: "createdAt", dir: "desc", after: newest.nextCursor! });
      expect(next.rows.map((r) => r.id).filter((id) => newest.rows.some((r) => r.id === id))).toEqual([]);
      // Too short for the index and matching few: one scan, an exact total.
      expect(await page({ q: "ze" })).toMatchObject({ total: 5, totalIsLowerBound: false });
      expect(await page({ q: "zz" })).toMatchObject({ total: 0, rows: [] });
    }
  });
});

describe("refreshCustomerSearchStats", () => {
  it("stores the trigrams at least 2% and 1,000 of an ISP's customers share, per field, and replaces them", async () => {
    const t = await makeTenant();
    const other = await makeTenant();
    await insertCustomersInBulk(t.tenantId, 1200, { username: "user%s", name: "Person %s" });
    await insertCustomersInBulk(other.tenantId, 1100, { username: "cust%s", name: "Client %s" });

    const result = await refreshCustomerSearchStats(t.tenantId);
    expect(result).toEqual({ customers: 1200, sampled: 1200, commonTrigrams: 6 });
    // "use"/"ser" in every username; "per"/"ers"/"rso"/"son" in every name; "er1" in user1, user10..19,
    // user100..199 and user1000..1200: 1 + 10 + 100 + 201 = 312, below 1,000: not common.
    expect(await storedTrigrams(t.tenantId)).toEqual(["name:ers=1200", "name:per=1200", "name:rso=1200", "name:son=1200", "username:ser=1200", "username:use=1200"]);
    expect(await storedTrigrams(other.tenantId)).toEqual([]);

    await withSystem("test: rename", (tx) => tx.$executeRaw`UPDATE customers SET name = 'Someone' WHERE tenant_id = ${t.tenantId}::uuid`);
    await refreshCustomerSearchStats(t.tenantId);
    expect(await storedTrigrams(t.tenantId)).toEqual(["name:eon=1200", "name:meo=1200", "name:ome=1200", "name:one=1200", "name:som=1200", "username:ser=1200", "username:use=1200"]);
    // A small ISP has nothing common enough to skip: its searches probe with the whole term.
    const small = await makeTenant();
    await makeCustomer(small.owner, { username: "user0001" });
    expect(await refreshCustomerSearchStats(small.tenantId)).toMatchObject({ customers: 1, commonTrigrams: 0 });
  });

  it("runs as a job for the ISP a large import or the nightly fan-out asks for", async () => {
    const t = await makeTenant();
    await insertCustomersInBulk(t.tenantId, 1000, { username: "user%s", name: "Person %s" });
    const csv = ["username,password,name", "newone1,secret-pass-1,New One", "newone2,secret-pass-2,New Two"].join("\n");
    const checked = await checkCustomerImport(t.owner, "new.csv", new TextEncoder().encode(csv));
    await startCustomerImport(t.owner, checked.id);
    expect(await runCustomerImport(t.tenantId, checked.id, undefined, { searchStatsAfter: 2 })).toMatchObject({ created: 2 });
    const events = await withSystem("test: outbox", (tx) => tx.outboxEvent.findMany({ where: { tenantId: t.tenantId, name: CUSTOMER_SEARCH_STATS_REQUESTED } }));
    expect(events).toHaveLength(1);

    const defs = [customerSearchStats] as unknown as AnyJobDefinition[];
    const driver = await startTestDriver(defs);
    try {
      const stored = await waitFor(async () => {
        await relayTransactional((tx, rows) => driver.deliver(tx, rows), 100, { names: driver.eventNames });
        const rows = await storedTrigrams(t.tenantId);
        return rows.length ? rows : null;
      }, 30_000);
      expect(stored).toContain("username:use=1000");
    } finally {
      await driver.stop();
    }

    // The nightly run sends one event per ISP, keyed by ISP and day (a retried night sends no more).
    const sent: { id: string; name: string; tenantId: string | null }[] = [];
    await customerSearchStatsFanOut.handler({
      payload: { scheduledAt: "2026-11-22T02:23:00.000Z" },
      runId: "test",
      attempt: 1,
      tenantId: null,
      step: { run: (_id, fn) => fn(), sendEvent: async (_id, events) => void sent.push(...events), progress: async () => {} },
    });
    expect(sent.find((e) => e.tenantId === t.tenantId)).toEqual({ id: `search-stats:${t.tenantId}:2026-11-22`, name: CUSTOMER_SEARCH_STATS_REQUESTED, tenantId: t.tenantId, data: {} });
  }, 60_000);
});
