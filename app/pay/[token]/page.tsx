import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { PortalPayForm, type PayChoice } from "@/components/payments/portal-pay";
import { payLinkAction } from "@/app/_actions/pay-link";
import { formatMoney } from "@/lib/money/format-money";
import { linkedAccount } from "@/lib/payments/links";
import { paymentOptions } from "@/lib/payments/start";

export const metadata: Metadata = { title: "Pay", robots: { index: false } };

// A payment link (lib/payments/links.ts): pay an account without signing in.
export default async function Page({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await linkedAccount(token);
  if (!link) notFound();
  const pay = await paymentOptions(link.actor);
  const money = (v: bigint) => formatMoney(v, pay.currency);
  const choices: PayChoice[] =
    link.amountMinor !== null
      ? [{ purpose: "BALANCE", label: "The amount asked", amount: money(link.amountMinor) }]
      : [
          ...(pay.renewalMinor !== null ? [{ purpose: "RENEWAL" as const, label: pay.owedMinor > 0n ? "What is owed and the next period" : "The next period", amount: money(pay.renewalMinor) }] : []),
          ...(pay.owedMinor > 0n ? [{ purpose: "BALANCE" as const, label: "What is owed", amount: money(pay.owedMinor) }] : []),
        ];
  return (
    <AuthCard title={link.ispName} subtitle={`Pay for ${link.customerName}, account ${link.username}.`}>
      {pay.gateways.length === 0 || choices.length === 0 ? (
        <p className="text-sm text-gray-700" data-testid="pay-link-nothing">
          {pay.gateways.length === 0 ? "Online payment is not available: ask your provider how to pay." : "Nothing is owed on this account: there is nothing to pay."}
        </p>
      ) : (
        <div data-testid="pay-link">
          <PortalPayForm action={payLinkAction} choices={choices} gateways={pay.gateways} phone={pay.phone} hidden={{ token }} />
        </div>
      )}
    </AuthCard>
  );
}
