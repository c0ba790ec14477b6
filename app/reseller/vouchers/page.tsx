import type { Metadata } from "next";
import { VouchersPage } from "@/components/vouchers/voucher-pages";
import { requireOperator } from "@/lib/next/actor";

export const metadata: Metadata = { title: "Vouchers" };

export default async function Page() {
  const actor = await requireOperator("reseller");
  return <VouchersPage actor={actor} />;
}
