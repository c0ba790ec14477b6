import type { Metadata } from "next";
import { VoucherBatchPage } from "@/components/vouchers/voucher-batch-page";
import { requireOperator } from "@/lib/next/actor";

export const metadata: Metadata = { title: "Voucher batch" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireOperator("reseller");
  return <VoucherBatchPage actor={actor} id={(await params).id} />;
}
