import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { GatewaysPage } from "@/components/payments/gateways-page";
import { can } from "@/lib/auth/permissions";
import { requireOperator } from "@/lib/next/actor";

export const metadata: Metadata = { title: "Payment gateways" };

export default async function Page({ searchParams }: { searchParams: Promise<{ add?: string; edit?: string }> }) {
  const actor = await requireOperator("admin");
  if (!can(actor, "settings:manage")) forbidden();
  return <GatewaysPage actor={actor} {...await searchParams} />;
}
