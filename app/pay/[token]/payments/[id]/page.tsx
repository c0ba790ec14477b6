import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { Alert } from "@/components/ui/alert";
import { LiveRefresh } from "@/components/payments/live-refresh";
import { notFoundOn404 } from "@/lib/next/not-found";
import { linkedAccount } from "@/lib/payments/links";
import { getPaymentAttempt } from "@/lib/payments/start";

export const metadata: Metadata = { title: "Payment", robots: { index: false } };

// A payment started from a link, followed live (the link is the authority, as for the Pay page).
export default async function Page({ params }: { params: Promise<{ token: string; id: string }> }) {
  const { token, id } = await params;
  const link = await linkedAccount(token);
  if (!link) notFound();
  const p = await getPaymentAttempt(link.actor, id).catch(notFoundOn404);
  return (
    <AuthCard title={`Payment of ${p.amount}`} subtitle={`${link.ispName}, account ${link.username}`}>
      <div className="space-y-4 text-sm" data-testid="payment-status" data-status={p.status}>
        {p.status === "PENDING" && (
          <>
            {p.redirectUrl ? (
              <a href={p.redirectUrl} className="font-medium text-indigo-700 hover:underline">
                Continue to the payment page
              </a>
            ) : (
              <Alert tone="info">Check your phone and enter your PIN. This page updates by itself.</Alert>
            )}
            <LiveRefresh everyMs={3000} forMs={5 * 60_000} />
          </>
        )}
        {p.status === "SUCCEEDED" && (
          <Alert tone="success">
            Paid, thank you. Receipt <span className="font-mono">{p.receiptNumber}</span>.
          </Alert>
        )}
        {p.status !== "PENDING" && p.status !== "SUCCEEDED" && <Alert tone="error">{p.failureReason ?? "The payment did not go through."}</Alert>}
      </div>
    </AuthCard>
  );
}
