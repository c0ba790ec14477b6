// One voucher batch (admin and reseller panels): its terms, how many cards are in each state, the
// cards running on a hotspot, the last redemptions and revocations, its files, and revocation of
// unused cards (a reseller's refunded to its wallet).
import Link from "next/link";
import { formatDateTime, formatMoney } from "@/components/format";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { PlainTable } from "@/components/ui/plain-table";
import { StatCard } from "@/components/ui/stat-card";
import { revokeVouchersAction } from "@/app/_actions/vouchers";
import type { OperatorActor } from "@/lib/audit/actor";
import { isStaff } from "@/lib/auth/permissions";
import { notFoundOn404 } from "@/lib/next/not-found";
import { getTenant } from "@/lib/tenants/get-tenant";
import { getVoucherBatch } from "@/lib/vouchers/batch-detail";
import { RevokeForm } from "./voucher-forms";

const STATE_LABELS: Record<string, string> = { GENERATED: "Generated", ISSUED: "Issued", SOLD: "Sold", REDEEMED: "Redeemed", EXPIRED: "Expired", REVOKED: "Revoked" };

export async function VoucherBatchPage({ actor, id }: { actor: OperatorActor; id: string }) {
  const [b, tenant] = await Promise.all([getVoucherBatch(actor, id).catch(notFoundOn404), getTenant(actor.tenantId)]);
  const tz = tenant?.timezone ?? "UTC";
  const base = isStaff(actor.role) ? "/admin/vouchers" : "/reseller/vouchers";
  const unused = b.counts.GENERATED + b.counts.ISSUED + b.counts.SOLD;
  return (
    <div className="space-y-6">
      <PageHeader
        title={`Voucher batch #${b.number}`}
        description={`${b.quantity} cards of ${b.packageName}, serials ${b.serialStart}–${b.serialEnd}, ${formatMoney(b.faceMinor, b.currency)} each${b.ownerName ? `, bought by ${b.ownerName} at ${formatMoney(b.costMinor, b.currency)}` : ", the ISP's own cards"}.`}
      />
      <p className="text-sm">
        <Link href={base} className="text-indigo-700 hover:underline">
          ← All batches
        </Link>
        {b.status === "READY" && (
          <>
            {" · "}
            <a className="text-indigo-700 hover:underline" href={`/api/vouchers/${b.id}/pdf`} download>
              Printable cards (PDF)
            </a>
            {" · "}
            <a className="text-indigo-700 hover:underline" href={`/api/vouchers/${b.id}/csv`} download>
              CSV
            </a>
          </>
        )}
      </p>
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <StatCard label="Unused" value={unused} hint={b.cardExpiresAt ? `Can be used until ${formatDateTime(b.cardExpiresAt, tz)}` : "The cards do not expire"} />
        <StatCard label="Redeemed" value={b.counts.REDEEMED} hint={b.hotspot ? `${b.hotspotRunning} running on a hotspot now` : undefined} />
        <StatCard label="Expired" value={b.counts.EXPIRED} />
        <StatCard label="Revoked" value={b.counts.REVOKED} />
      </div>
      {b.hotspot && (
        <p className="max-w-3xl text-sm text-gray-600">
          Hotspot cards: a customer can type the code as the username on the hotspot login page. The card&apos;s time starts at the first login
          {b.lockMac ? " and it works only on the device that logged in first" : ""}.
        </p>
      )}
      {b.mayRevoke && unused > 0 && (
        <Card className="max-w-3xl" data-testid="voucher-revoke-form">
          <CardHeader>
            <CardTitle>Revoke unused cards</CardTitle>
          </CardHeader>
          <CardContent>
            <p className="mb-4 text-sm text-gray-600">
              Lost or stolen cards stop working at once. {b.ownerId === actor.id ? "What you paid for them goes back to your wallet." : b.ownerName ? `What ${b.ownerName} paid for them goes back to its wallet.` : ""} Used cards are not touched.
            </p>
            <RevokeForm action={revokeVouchersAction} batchId={b.id} />
          </CardContent>
        </Card>
      )}
      <PlainTable label="Last redemptions and revocations" columns={[{ label: "Serial" }, { label: "Code ends" }, { label: "State" }, { label: "When" }, { label: "Customer" }]}>
        {b.recent.length === 0 ? (
          <tr>
            <td colSpan={5} className="px-3 py-6 text-center text-gray-500">
              No card of this batch used or revoked yet.
            </td>
          </tr>
        ) : (
          b.recent.map((r) => (
            <tr key={r.serial.toString()}>
              <td className="px-3 py-2 tabular-nums">{r.serial.toString()}</td>
              <td className="px-3 py-2 font-mono">…{r.codeLast}</td>
              <td className="px-3 py-2">{STATE_LABELS[r.state] ?? r.state}</td>
              <td className="whitespace-nowrap px-3 py-2">{r.at ? formatDateTime(r.at, tz) : ""}</td>
              <td className="px-3 py-2">{r.hotspot ? "Hotspot login" : (r.customerName ?? "")}</td>
            </tr>
          ))
        )}
      </PlainTable>
    </div>
  );
}
