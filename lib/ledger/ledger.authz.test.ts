// Who may see the books and ask for a reconciliation, asked of the services directly: resellers
// never see the ledger; only owners and admins (jobs:manage) start a reconciliation run.
import { beforeAll, describe, expect, it } from "vitest";
import { parseListQuery } from "@/lib/lists/list-query";
import { expectRefused, makeCast, type Cast } from "@/lib/testing/authz";
import { getLedgerOverview, LEDGER_ACCOUNT_LIST_SPEC } from "./get-ledger-overview";
import { runLedgerReconciliation } from "./run-ledger-reconciliation";

let c: Cast;
beforeAll(async () => {
  c = await makeCast();
});

const query = parseListQuery({}, LEDGER_ACCOUNT_LIST_SPEC);

describe("getLedgerOverview", () => {
  for (const role of ["reseller", "subReseller"] as const) {
    it(`refuses a ${role}`, async () => {
      await expectRefused(() => getLedgerOverview(c[role], query), [c.tenantId], ["FORBIDDEN"]);
    });
  }

  it("lets a manager read", async () => {
    expect((await getLedgerOverview(c.manager, query)).live.ok).toBe(true);
  });
});

describe("runLedgerReconciliation", () => {
  for (const role of ["manager", "reseller", "subReseller"] as const) {
    it(`refuses a ${role}`, async () => {
      await expectRefused(() => runLedgerReconciliation(c[role]), [c.tenantId], ["FORBIDDEN"]);
    });
  }
});
