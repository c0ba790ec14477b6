// Each reseller's and sub-reseller's commission payable: what the ISP owes it in commissions,
// credited by the commission job, debited by payouts (docs/resellers.md, "Commissions").
import type { Tx } from "@/lib/db";
import { ensureAccount } from "@/lib/ledger";

export const commissionPayableCode = (operatorId: string) => `commission_payable:${operatorId}`;

export function commissionPayableAccount(tx: Tx, tenantId: string, operatorId: string, currency: string): Promise<string> {
  return ensureAccount(tx, tenantId, { code: commissionPayableCode(operatorId), name: "Commission payable", type: "LIABILITY", currency, operatorId });
}
