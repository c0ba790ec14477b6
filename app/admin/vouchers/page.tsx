import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { VouchersPage } from "@/components/vouchers/voucher-pages";
import { can } from "@/lib/auth/permissions";
import { requireOperator } from "@/lib/next/actor";

export const metadata: Metadata = { title: "Vouchers" };

export default async function Page() {
  const actor = await requireOperator("admin");
  if (!can(actor, "billing:view")) forbidden();
  return <VouchersPage actor={actor} />;
}
