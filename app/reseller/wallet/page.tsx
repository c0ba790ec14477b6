import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { StatementView } from "@/components/resellers/statement-view";
import { formatMoney } from "@/components/format";
import { requireOperator } from "@/lib/next/actor";
import { getOperatorStatement } from "@/lib/resellers/operator-statement";
import { getWallet } from "@/lib/resellers/wallets";
import { getTenant } from "@/lib/tenants/get-tenant";

export const metadata: Metadata = { title: "Wallet" };

/** The reseller's own wallet: balance, what it can spend, and its statements. */
export default async function WalletPage({ searchParams }: { searchParams: Promise<{ account?: string; from?: string; to?: string }> }) {
  const actor = await requireOperator("reseller");
  const query = await searchParams;
  const [wallet, statement, tenant] = await Promise.all([getWallet(actor), getOperatorStatement(actor, null, query), getTenant(actor.tenantId)]);
  const m = (v: bigint) => formatMoney(v, wallet.currency);
  const postpaid = wallet.operator.billingMode === "POSTPAID";
  return (
    <div className="space-y-6">
      <PageHeader
        title="Wallet"
        description={postpaid ? "You are postpaid: recharges add to what you owe the ISP, up to your credit limit." : "Recharges and new customers are paid from your wallet at your price. The ISP tops it up."}
      />
      <section aria-label="Wallet" className="grid gap-4 sm:grid-cols-3">
        <StatCard label={wallet.balanceMinor < 0n ? "You owe" : "Balance"} value={<span data-testid="wallet-balance">{m(wallet.balanceMinor < 0n ? -wallet.balanceMinor : wallet.balanceMinor)}</span>} />
        <StatCard label="You can spend" value={m(wallet.availableMinor)} />
        <StatCard label={postpaid ? "Credit limit" : "Mode"} value={postpaid ? m(wallet.limitMinor) : "Prepaid"} />
      </section>
      <StatementView statement={statement} timeZone={tenant?.timezone ?? "UTC"} operatorId={null} />
    </div>
  );
}
