import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { OnlinePaymentsPage } from "@/components/payments/online-payments-page";
import { can } from "@/lib/auth/permissions";
import { requireOperator } from "@/lib/next/actor";

export const metadata: Metadata = { title: "Online payments" };

export default async function Page({ searchParams }: { searchParams: Promise<{ status?: string; outcome?: string }> }) {
  const actor = await requireOperator("admin");
  if (!can(actor, "billing:view")) forbidden();
  return <OnlinePaymentsPage actor={actor} {...await searchParams} />;
}
