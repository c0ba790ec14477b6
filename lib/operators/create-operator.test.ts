import { describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { toAppError } from "@/lib/errors";
import { createOperator } from "@/lib/operators/create-operator";
import { updateOperator } from "@/lib/operators/update-operator";
import { listOperators, OPERATOR_LIST_SPEC } from "@/lib/operators/list-operators";
import { parseListQuery } from "@/lib/lists/list-query";
import { makeOperator, makeTenant, TEST_PASSWORD, uniq } from "@/lib/testing/factories";

describe("operators", () => {
  it("builds the reseller tree with materialized paths and commission in basis points", async () => {
    const t = await makeTenant();
    const r = await makeOperator(t.owner, "RESELLER", { commissionShare: "60" });
    const s = await makeOperator(r.actor, "SUB_RESELLER", { commissionShare: "12.5" });
    expect(r.path).toBe(`/${r.id}/`);
    expect(r.commissionShareBp).toBe(6000);
    expect(s.parentId).toBe(r.id);
    expect(s.path).toBe(`/${r.id}/${s.id}/`);
    expect(s.commissionShareBp).toBe(1250);
  });

  it("stops the tree two levels below the ISP and keeps roles in their lanes", async () => {
    const t = await makeTenant();
    const r = await makeOperator(t.owner, "RESELLER");
    const s = await makeOperator(r.actor, "SUB_RESELLER");
    const manager = await makeOperator(t.owner, "MANAGER");
    const base = { name: "Someone", password: TEST_PASSWORD };
    await expect(createOperator(s.actor, { ...base, role: "SUB_RESELLER", email: `${uniq()}@x.test` })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createOperator(r.actor, { ...base, role: "RESELLER", email: `${uniq()}@x.test` })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createOperator(r.actor, { ...base, role: "ADMIN", email: `${uniq()}@x.test` })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createOperator(manager.actor, { ...base, role: "RESELLER", email: `${uniq()}@x.test` })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // A sub-reseller's parent must be a reseller, not another sub-reseller.
    await expect(
      createOperator(t.owner, { ...base, role: "SUB_RESELLER", email: `${uniq()}@x.test`, parentId: s.id }),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { parentId: expect.any(Array) } });
  });

  it("a reseller's sub-reseller always hangs under that reseller, whatever parent is posted", async () => {
    const t = await makeTenant();
    const r1 = await makeOperator(t.owner, "RESELLER");
    const r2 = await makeOperator(t.owner, "RESELLER");
    const s = await createOperator(r1.actor, { role: "SUB_RESELLER", name: "Sneaky", email: `${uniq()}@x.test`, password: TEST_PASSWORD, parentId: r2.id });
    expect(s.parentId).toBe(r1.id);
  });

  it("refuses a duplicate email with a field error and writes nothing", async () => {
    const t = await makeTenant();
    const other = await makeTenant();
    const before = await withTenant(t.tenantId, (tx) => tx.auditLog.count());
    await expect(
      createOperator(t.owner, { role: "ADMIN", name: "Dup", email: other.email, password: TEST_PASSWORD }),
    ).rejects.toSatisfy((e: unknown) => {
      const err = toAppError(e);
      return err.code === "CONFLICT" && Boolean(err.fieldErrors?.email);
    });
    expect(await withTenant(t.tenantId, (tx) => tx.auditLog.count())).toBe(before);
  });

  it("validates input per field", async () => {
    const t = await makeTenant();
    const error = await createOperator(t.owner, { role: "RESELLER", name: "x", email: "nope", password: "short", commissionShare: "150" }).catch((e) => e);
    expect(Object.keys(toAppError(error).fieldErrors ?? {}).sort()).toEqual(["commissionShare", "email", "name", "password"]);
  });

  it("writes an audit entry with before and after in the same transaction, without secrets", async () => {
    const t = await makeTenant();
    const r = await makeOperator(t.owner, "RESELLER", { commissionShare: "40" });
    await updateOperator(t.owner, { id: r.id, name: "Renamed", commissionShare: "45", billingMode: "POSTPAID", status: "ACTIVE" });
    const entries = await withTenant(t.tenantId, (tx) => tx.auditLog.findMany({ where: { targetId: r.id }, orderBy: { createdAt: "asc" } }));
    expect(entries.map((e) => e.action)).toEqual(["operator.create", "operator.update"]);
    const update = entries[1]!;
    expect(update.actorId).toBe(t.owner.id);
    expect(update.ip).toBe("127.0.0.1");
    expect(update.before).toMatchObject({ name: r.name, commissionShareBp: 4000, billingMode: "PREPAID" });
    expect(update.after).toMatchObject({ name: "Renamed", commissionShareBp: 4500, billingMode: "POSTPAID" });
    expect(JSON.stringify(entries)).not.toMatch(/argon2|passwordHash/);
  });

  it("a password change or disable bumps the session version", async () => {
    const t = await makeTenant();
    const r = await makeOperator(t.owner, "RESELLER");
    const version = async () => (await withTenant(t.tenantId, (tx) => tx.operator.findUniqueOrThrow({ where: { id: r.id } }))).sessionVersion;
    const v0 = await version();
    await updateOperator(t.owner, { id: r.id, name: r.name, billingMode: "PREPAID", status: "ACTIVE", password: "another-pass-1" });
    expect(await version()).toBe(v0 + 1);
    await updateOperator(t.owner, { id: r.id, name: r.name, billingMode: "PREPAID", status: "DISABLED" });
    expect(await version()).toBe(v0 + 2);
    await updateOperator(t.owner, { id: r.id, name: "Only a rename", billingMode: "PREPAID", status: "DISABLED" });
    expect(await version()).toBe(v0 + 2);
  });

  it("a reseller lists only its own sub-resellers and cannot edit others", async () => {
    const t = await makeTenant();
    const r1 = await makeOperator(t.owner, "RESELLER");
    const r2 = await makeOperator(t.owner, "RESELLER");
    const s1 = await makeOperator(r1.actor, "SUB_RESELLER");
    const s2 = await makeOperator(r2.actor, "SUB_RESELLER");
    const q = parseListQuery({}, OPERATOR_LIST_SPEC);
    expect((await listOperators(r1.actor, q)).rows.map((o) => o.id)).toEqual([s1.id]);
    await expect(
      updateOperator(r1.actor, { id: s2.id, name: "Mine now", billingMode: "PREPAID", status: "DISABLED" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      updateOperator(r1.actor, { id: r1.id, name: "Self promotion", billingMode: "PREPAID", status: "ACTIVE", commissionShare: "100" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
