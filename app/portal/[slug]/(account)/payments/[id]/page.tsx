import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { LiveRefresh } from "@/components/payments/live-refresh";
import { requireCustomer } from "@/lib/next/actor";
import { notFoundOn404 } from "@/lib/next/not-found";
import { getPaymentAttempt } from "@/lib/payments/start";

export const metadata: Metadata = { title: "Payment" };

// One payment, as its customer follows it: "check your phone" while it is pending (the page
// refreshes itself), then paid with the receipt, or why it did not go through.
export default async function Page({ params, searchParams }: { params: Promise<{ slug: string; id: string }>; searchParams: Promise<{ cancelled?: string }> }) {
  const [{ slug, id }, { cancelled }] = await Promise.all([params, searchParams]);
  const actor = await requireCustomer(slug);
  const p = await getPaymentAttempt(actor, id).catch(notFoundOn404);
  return (
    <div className="max-w-xl space-y-6">
      <PageHeader title={`Payment of ${p.amount}`} />
      <Card data-testid="payment-status" data-status={p.status}>
        <CardHeader>
          <CardTitle>
            {p.status === "PENDING" ? "Waiting for the payment" : p.status === "SUCCEEDED" ? "Paid, thank you" : "Not paid"}
          </CardTitle>
        </CardHeader>
        <CardContent className="space-y-4 text-sm">
          {p.status === "PENDING" && (
            <>
              {p.redirectUrl ? (
                <p>
                  {cancelled ? "You left the payment page. " : ""}
                  <a href={p.redirectUrl} className="font-medium text-indigo-700 hover:underline">
                    Continue to the payment page
                  </a>
                </p>
              ) : (
                <Alert tone="info">Check your phone and enter your PIN. This page updates by itself.</Alert>
              )}
              <LiveRefresh everyMs={3000} forMs={5 * 60_000} />
            </>
          )}
          {p.status === "SUCCEEDED" && (
            <p>
              Receipt <span className="font-mono font-medium">{p.receiptNumber}</span>. Your account is updated: if your access was stopped, it is back within a minute.
            </p>
          )}
          {p.status !== "PENDING" && p.status !== "SUCCEEDED" && <Alert tone="error">{p.failureReason ?? "The payment did not go through."}</Alert>}
          <Link href={`/portal/${slug}`} className="inline-block text-indigo-700 hover:underline">
            Back to my account
          </Link>
        </CardContent>
      </Card>
    </div>
  );
}
