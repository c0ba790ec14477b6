// Who may create and edit operators, asked of the services directly: staff with operators:manage
// (owner, admin) for the staff roles and resellers; a reseller for sub-resellers under itself,
// and nobody else. A manager only reads; a sub-reseller manages nobody; a reseller cannot reach
// another reseller's subtree, nor itself; nobody reaches the owner or another ISP.
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { expectRefused, makeCast, type Cast } from "@/lib/testing/authz";
import { TEST_PASSWORD, uniq } from "@/lib/testing/factories";
import { changeOwnPassword } from "./change-own-password";
import { createOperator } from "./create-operator";
import { updateOperator } from "./update-operator";

let c: Cast;
beforeAll(async () => {
  c = await makeCast();
});

const newOperator = (role: "ADMIN" | "MANAGER" | "RESELLER" | "SUB_RESELLER", parentId?: string) => ({
  role,
  name: `New ${role}`,
  email: `${uniq("new")}@example.test`,
  password: TEST_PASSWORD,
  parentId,
  commissionShare: "10",
});
const edit = (id: string) => ({ id, name: "Taken Over", commissionShare: "100", billingMode: "POSTPAID" as const, status: "DISABLED" as const, password: "another-pass-123" });

describe("createOperator", () => {
  for (const role of ["ADMIN", "MANAGER", "RESELLER", "SUB_RESELLER"] as const) {
    it(`refuses a manager creating a ${role}`, async () => {
      await expectRefused(() => createOperator(c.manager, newOperator(role, c.reseller.id)), [c.tenantId], ["FORBIDDEN"]);
    });
    it(`refuses a sub-reseller creating a ${role}`, async () => {
      await expectRefused(() => createOperator(c.subReseller, newOperator(role, c.reseller.id)), [c.tenantId], ["FORBIDDEN"]);
    });
  }

  for (const role of ["ADMIN", "MANAGER", "RESELLER"] as const) {
    it(`refuses a reseller creating a ${role}`, async () => {
      await expectRefused(() => createOperator(c.reseller, newOperator(role)), [c.tenantId], ["FORBIDDEN"]);
    });
  }

  it("a reseller's new sub-reseller lands under itself, whatever parent the request names", async () => {
    const op = await createOperator(c.reseller, newOperator("SUB_RESELLER", c.otherReseller.id));
    expect(op.parentId).toBe(c.reseller.id);
  });

  it("staff cannot hang a sub-reseller under another ISP's reseller", async () => {
    const theirs = await createOperator(c.stranger, newOperator("RESELLER"));
    await expectRefused(() => createOperator(c.owner, newOperator("SUB_RESELLER", theirs.id)), [c.tenantId, c.strangerTenantId], ["VALIDATION"]);
  });
});

describe("updateOperator", () => {
  it("refuses a manager, whoever the target", async () => {
    for (const target of [c.reseller, c.subReseller, c.admin]) {
      await expectRefused(() => updateOperator(c.manager, edit(target.id)), [c.tenantId], ["FORBIDDEN"]);
    }
  });

  it("refuses a sub-reseller, even on itself", async () => {
    for (const target of [c.subReseller, c.otherSubReseller]) {
      await expectRefused(() => updateOperator(c.subReseller, edit(target.id)), [c.tenantId], ["FORBIDDEN"]);
    }
  });

  it("a reseller reaches neither another reseller's subtree, nor another reseller, nor itself, nor staff", async () => {
    for (const target of [c.otherSubReseller, c.otherReseller, c.reseller, c.admin, c.owner]) {
      await expectRefused(() => updateOperator(c.reseller, edit(target.id)), [c.tenantId], ["NOT_FOUND"]);
    }
  });

  it("an admin cannot edit the owner", async () => {
    await expectRefused(() => updateOperator(c.admin, edit(c.owner.id)), [c.tenantId], ["FORBIDDEN"]);
  });

  it("another ISP's owner finds no such operator", async () => {
    await expectRefused(() => updateOperator(c.stranger, edit(c.admin.id)), [c.tenantId, c.strangerTenantId], ["NOT_FOUND"]);
  });
});

describe("changeOwnPassword", () => {
  it("changes only the caller's own password, and only with the current one", async () => {
    await expectRefused(
      () => changeOwnPassword(c.reseller, { currentPassword: "not-the-password", newPassword: "another-pass-123", confirmPassword: "another-pass-123" }),
      [c.tenantId],
      ["VALIDATION"],
    );
    // The input names no operator: there is nothing to point at someone else.
    const before = await withTenant(c.tenantId, (tx) => tx.operator.findUniqueOrThrow({ where: { id: c.otherReseller.id } }));
    await changeOwnPassword(c.subReseller, { currentPassword: TEST_PASSWORD, newPassword: "another-pass-123", confirmPassword: "another-pass-123" });
    const after = await withTenant(c.tenantId, (tx) => tx.operator.findUniqueOrThrow({ where: { id: c.otherReseller.id } }));
    expect(after.passwordHash).toBe(before.passwordHash);
  });
});
