// The vouchers page (admin and reseller panels): make or buy a batch, and every batch with its
// progress, what was redeemed, and its cards as CSV for the printer.
import Link from "next/link";
import { formatDateTime, formatMoney } from "@/components/format";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { PlainTable } from "@/components/ui/plain-table";
import { createVoucherBatchAction } from "@/app/_actions/vouchers";
import type { OperatorActor } from "@/lib/audit/actor";
import { can, isStaff } from "@/lib/auth/permissions";
import { listPackageChoices } from "@/lib/packages/list-package-choices";
import { withTenant } from "@/lib/db";
import { listVoucherBatches } from "@/lib/vouchers/sheets";
import { getTenant } from "@/lib/tenants/get-tenant";
import { VoucherBatchForm } from "./voucher-forms";

export async function VouchersPage({ actor }: { actor: OperatorActor }) {
  const staff = isStaff(actor.role);
  const [batches, packages, tenant, owners] = await Promise.all([
    listVoucherBatches(actor),
    listPackageChoices(actor),
    getTenant(actor.tenantId),
    staff ? withTenant(actor.tenantId, (tx) => tx.operator.findMany({ where: { tenantId: actor.tenantId, role: { in: ["RESELLER", "SUB_RESELLER"] }, status: "ACTIVE" }, select: { id: true, name: true }, orderBy: { name: "asc" } })) : null,
  ]);
  const tz = tenant?.timezone ?? "UTC";
  const mayMake = staff ? can(actor, "billing:manage") : true;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Vouchers"
        description={staff ? "Recharge cards: each buys one validity of its package. Cards made for a reseller are paid from its wallet." : "Recharge cards you sell: bought from your wallet at your price, redeemed by your customers."}
      />
      {mayMake && (
        <Card className="max-w-3xl" data-testid="voucher-batch-form">
          <CardHeader>
            <CardTitle>{staff ? "Make cards" : "Buy cards"}</CardTitle>
          </CardHeader>
          <CardContent>
            <VoucherBatchForm action={createVoucherBatchAction} packages={packages.map((p) => ({ value: p.value, label: `${p.label} (${formatMoney(BigInt(p.priceMinor), p.currency)})` }))} owners={owners?.map((o) => ({ value: o.id, label: o.name })) ?? null} />
          </CardContent>
        </Card>
      )}
      <PlainTable
        label="Voucher batches"
        columns={[{ label: "Batch" }, { label: "Package" }, staff && { label: "For" }, { label: "Cards", align: "right" }, { label: "Redeemed", align: "right" }, { label: "Price", align: "right" }, { label: "Made" }, { label: "Cards file" }]}
      >
        {batches.length === 0 ? (
          <tr>
            <td colSpan={8} className="px-3 py-6 text-center text-gray-500">
              No vouchers yet. {mayMake ? "Make the first batch above." : ""}
            </td>
          </tr>
        ) : (
          batches.map((b) => (
            <tr key={b.id} data-testid={`batch-${b.number}`}>
              <td className="px-3 py-2 font-medium">
                <Link href={`${staff ? "/admin" : "/reseller"}/vouchers/${b.id}`} className="text-indigo-700 hover:underline">
                  #{b.number}
                </Link>
              </td>
              <td className="px-3 py-2">{b.packageName}</td>
              {staff && <td className="px-3 py-2">{b.ownerName ?? "The ISP"}</td>}
              <td className="px-3 py-2 text-right tabular-nums">
                {b.status === "GENERATING" ? (
                  <span className="inline-flex items-center gap-2">
                    <progress max={b.quantity} value={b.generated} className="h-2 w-24" aria-label={`Batch ${b.number} progress`} />
                    {b.generated} / {b.quantity}
                  </span>
                ) : (
                  <>
                    {b.quantity}
                    {b.status === "FAILED" && <span className="ml-1 text-red-700">(failed)</span>}
                  </>
                )}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{b.redeemed}</td>
              <td className="px-3 py-2 text-right tabular-nums">{formatMoney(b.faceMinor, b.currency)}</td>
              <td className="whitespace-nowrap px-3 py-2">{formatDateTime(b.createdAt, tz)}</td>
              <td className="px-3 py-2">
                {b.status === "READY" ? (
                  <span className="inline-flex gap-3">
                    <a className="text-indigo-700 hover:underline" href={`/api/vouchers/${b.id}/csv`} download>
                      CSV
                    </a>
                    <a className="text-indigo-700 hover:underline" href={`/api/vouchers/${b.id}/pdf`} download>
                      PDF
                    </a>
                  </span>
                ) : (
                  <span className="text-gray-500">when ready</span>
                )}
              </td>
            </tr>
          ))
        )}
      </PlainTable>
    </div>
  );
}
