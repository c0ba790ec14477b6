// Online payments (admin): every attempt and announced payment with its gateway, status and why;
// money in suspense with a form to give it to its customer; every callback with what became of it;
// one callback as it arrived (headers and raw body).
import Link from "next/link";
import { formatDateTime, formatMoney } from "@/components/format";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { PlainTable } from "@/components/ui/plain-table";
import { allocateSuspenseAction, refundAction } from "@/app/_actions/payments";
import type { OperatorActor } from "@/lib/audit/actor";
import { can } from "@/lib/auth/permissions";
import { notFoundOn404 } from "@/lib/next/not-found";
import { ATTEMPT_STATUSES, getWebhookRequest, listGatewayPayments, listWebhookRequests, WEBHOOK_OUTCOMES } from "@/lib/payments/lists";
import { getTenant } from "@/lib/tenants/get-tenant";
import { AllocateForm, RefundForm } from "./payment-forms";

const STATUS: Record<string, [string, BadgeTone]> = {
  PENDING: ["Pending", "yellow"],
  SUCCEEDED: ["Paid", "green"],
  FAILED: ["Failed", "red"],
  CANCELLED: ["Cancelled", "neutral"],
  EXPIRED: ["Expired", "neutral"],
  SUSPENSE: ["In suspense", "blue"],
};
const OUTCOME: Record<string, [string, BadgeTone]> = {
  RECEIVED: ["Received", "yellow"],
  ACCEPTED: ["Accepted", "green"],
  DUPLICATE: ["Duplicate", "neutral"],
  IGNORED: ["Ignored", "neutral"],
  REJECTED: ["Rejected", "red"],
  FAILED: ["Failed, retrying", "red"],
};
const PURPOSE: Record<string, string> = { RENEWAL: "Renewal", BALANCE: "Balance", ANNOUNCED: "Paid in", TEST: "Test" };

function Filter({ name, value, options, labels, other }: { name: string; value?: string; options: string[]; labels: Record<string, [string, BadgeTone]>; other: Record<string, string | undefined> }) {
  const href = (v?: string) => {
    const q = new URLSearchParams(Object.entries({ ...other, [name]: v }).filter((e): e is [string, string] => Boolean(e[1])));
    return `/admin/billing/online${q.size ? `?${q}` : ""}`;
  };
  return (
    <div className="flex flex-wrap gap-2 text-sm">
      {[undefined, ...options].map((o) => (
        <Link key={o ?? "all"} href={href(o)} className={`rounded-full border px-3 py-1 ${o === value || (!o && !value) ? "border-indigo-600 bg-indigo-50 text-indigo-800" : "border-gray-300 hover:bg-gray-50"}`}>
          {o ? labels[o]![0] : "All"}
        </Link>
      ))}
    </div>
  );
}

export async function OnlinePaymentsPage({ actor, status, outcome }: { actor: OperatorActor; status?: string; outcome?: string }) {
  const [attempts, suspense, hooks, tenant] = await Promise.all([
    listGatewayPayments(actor, { status }),
    listGatewayPayments(actor, { status: "SUSPENSE" }),
    listWebhookRequests(actor, { outcome }),
    getTenant(actor.tenantId),
  ]);
  const tz = tenant?.timezone ?? "UTC";
  const mayAllocate = can(actor, "billing:manage");
  return (
    <div className="space-y-6">
      <PageHeader title="Online payments" description="Payments started or announced at a gateway, what each callback did, and money waiting for its customer." />
      {can(actor, "settings:manage") && (
        <p className="text-sm">
          <Link href="/admin/settings/payments" className="text-indigo-700 hover:underline">
            Payment gateways →
          </Link>
        </p>
      )}
      {suspense.length > 0 && (
        <Card data-testid="suspense">
          <CardHeader>
            <CardTitle>In suspense ({suspense.length})</CardTitle>
          </CardHeader>
          <CardContent className="space-y-4">
            <p className="text-sm text-gray-600">Money received for an account number no customer has, or a test payment. Give it to its customer, or refund it at the gateway.</p>
            {suspense.map((s) => (
              <div key={s.id} className="flex flex-wrap items-start justify-between gap-4 border-t border-gray-100 pt-3 text-sm">
                <div>
                  <div className="font-medium tabular-nums">{formatMoney(s.amountMinor, s.currency)}</div>
                  <div className="text-gray-600">
                    {s.gatewayName} · {s.gatewayTxnId ?? s.gatewayRef} · {formatDateTime(s.createdAt, tz)}
                  </div>
                  <div className="text-gray-600">{s.failureReason ?? (s.purpose === "TEST" ? "Test payment." : "")}</div>
                </div>
                {mayAllocate && <AllocateForm action={allocateSuspenseAction} gatewayPaymentId={s.id} />}
              </div>
            ))}
          </CardContent>
        </Card>
      )}
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Payments</h2>
        <Filter name="status" value={status} options={ATTEMPT_STATUSES} labels={STATUS} other={{ outcome }} />
        <PlainTable label="Online payments" columns={[{ label: "Started" }, { label: "Customer" }, { label: "Gateway" }, { label: "For" }, { label: "Amount", align: "right" }, { label: "Status" }, { label: "Reference" }, { label: "Receipt" }]}>
          {attempts.length === 0 ? (
            <tr>
              <td colSpan={8} className="px-3 py-6 text-center text-gray-500">
                No online payment{status ? " with this status" : " yet"}.
              </td>
            </tr>
          ) : (
            attempts.map((a) => (
              <tr key={a.id}>
                <td className="whitespace-nowrap px-3 py-2">{formatDateTime(a.createdAt, tz)}</td>
                <td className="px-3 py-2 font-mono">
                  {a.customerId ? (
                    <Link href={`/admin/customers/${a.customerId}`} className="text-indigo-700 hover:underline">
                      {a.customerUsername}
                    </Link>
                  ) : (
                    (a.accountRef ?? "—")
                  )}
                </td>
                <td className="px-3 py-2">{a.gatewayName}</td>
                <td className="px-3 py-2">{PURPOSE[a.purpose] ?? a.purpose}</td>
                <td className="px-3 py-2 text-right tabular-nums">{formatMoney(a.amountMinor, a.currency)}</td>
                <td className="px-3 py-2">
                  <Badge tone={STATUS[a.status]![1]}>{STATUS[a.status]![0]}</Badge>
                  {a.failureReason && a.status !== "SUCCEEDED" && <div className="mt-1 max-w-64 text-xs text-gray-600">{a.failureReason}</div>}
                </td>
                <td className="max-w-48 break-all px-3 py-2 font-mono text-xs">{a.gatewayTxnId ?? a.gatewayRef ?? "—"}</td>
                <td className="px-3 py-2">
                  {a.receiptNumber ?? ""}
                  {a.refundedAt && <div className="text-xs text-gray-600">Refunded {formatDateTime(a.refundedAt, tz)}</div>}
                  {!a.refundedAt && a.refundRequested && <div className="text-xs text-amber-700">Refund under way</div>}
                  {mayAllocate && a.refundable && <RefundForm action={refundAction} gatewayPaymentId={a.id} />}
                </td>
              </tr>
            ))
          )}
        </PlainTable>
      </section>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Callbacks</h2>
        <Filter name="outcome" value={outcome} options={WEBHOOK_OUTCOMES} labels={OUTCOME} other={{ status }} />
        <PlainTable label="Callbacks" columns={[{ label: "Received" }, { label: "Gateway" }, { label: "Outcome" }, { label: "Why" }, { label: "Size", align: "right" }]}>
          {hooks.length === 0 ? (
            <tr>
              <td colSpan={5} className="px-3 py-6 text-center text-gray-500">
                No callback{outcome ? " with this outcome" : " yet"}.
              </td>
            </tr>
          ) : (
            hooks.map((h) => (
              <tr key={h.id.toString()}>
                <td className="whitespace-nowrap px-3 py-2">
                  <Link href={`/admin/billing/online/webhooks/${h.id}`} className="text-indigo-700 hover:underline">
                    {formatDateTime(h.receivedAt, tz)}
                  </Link>
                </td>
                <td className="px-3 py-2">{h.gatewayName ?? h.gatewayKind}</td>
                <td className="px-3 py-2">
                  <Badge tone={OUTCOME[h.outcome]![1]}>{OUTCOME[h.outcome]![0]}</Badge>
                </td>
                <td className="max-w-96 px-3 py-2 text-gray-700">{h.reason}</td>
                <td className="px-3 py-2 text-right tabular-nums">{h.bytes} B</td>
              </tr>
            ))
          )}
        </PlainTable>
      </section>
    </div>
  );
}

export async function WebhookRequestPage({ actor, id }: { actor: OperatorActor; id: string }) {
  const [r, tenant] = await Promise.all([getWebhookRequest(actor, id).catch(notFoundOn404), getTenant(actor.tenantId)]);
  const tz = tenant?.timezone ?? "UTC";
  return (
    <div className="space-y-6">
      <PageHeader title={`Callback #${r.id}`} description={`${r.gatewayName ?? "Unknown gateway"} · ${formatDateTime(r.receivedAt, tz)} · from ${r.sourceIp ?? "unknown address"}`} />
      <p className="text-sm">
        <Link href="/admin/billing/online" className="text-indigo-700 hover:underline">
          ← Online payments
        </Link>
      </p>
      <p className="text-sm">
        <Badge tone={OUTCOME[r.outcome]![1]}>{OUTCOME[r.outcome]![0]}</Badge> {r.reason} {r.attempts > 1 ? `(processed ${r.attempts} times)` : ""}
      </p>
      <Card>
        <CardHeader>
          <CardTitle>
            {r.method} <span className="break-all font-mono text-sm font-normal">{r.path}</span>
          </CardTitle>
        </CardHeader>
        <CardContent className="space-y-4">
          <dl className="grid gap-x-4 gap-y-1 text-xs sm:grid-cols-[max-content_1fr]">
            {Object.entries(r.headers).map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="font-mono text-gray-500">{k}</dt>
                <dd className="break-all font-mono">{v}</dd>
              </div>
            ))}
          </dl>
          <pre className="max-h-[32rem] overflow-auto whitespace-pre-wrap break-all rounded-md bg-gray-50 p-3 font-mono text-xs" data-testid="webhook-body">
            {r.body}
          </pre>
        </CardContent>
      </Card>
    </div>
  );
}
