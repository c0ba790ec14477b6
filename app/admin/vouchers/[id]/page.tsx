import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { VoucherBatchPage } from "@/components/vouchers/voucher-batch-page";
import { can } from "@/lib/auth/permissions";
import { requireOperator } from "@/lib/next/actor";

export const metadata: Metadata = { title: "Voucher batch" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireOperator("admin");
  if (!can(actor, "billing:view")) forbidden();
  return <VoucherBatchPage actor={actor} id={(await params).id} />;
}
