import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { OperatorDetailPage } from "@/components/operators/operator-pages";
import { can } from "@/lib/auth/permissions";
import { requireOperator } from "@/lib/next/actor";

export const metadata: Metadata = { title: "Sub-reseller" };

export default async function Page({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string; account?: string; from?: string; to?: string }> }) {
  const actor = await requireOperator("reseller");
  if (!can(actor, "subresellers:manage")) forbidden();
  const [{ id }, { created, ...statement }] = await Promise.all([params, searchParams]);
  return <OperatorDetailPage actor={actor} id={id} created={created === "1"} statement={statement} />;
}
