import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { OperatorsListPage } from "@/components/operators/operator-pages";
import { can } from "@/lib/auth/permissions";
import { requireOperator } from "@/lib/next/actor";

export const metadata: Metadata = { title: "Operators" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireOperator("admin");
  if (!can(actor, "operators:view")) forbidden();
  return <OperatorsListPage actor={actor} searchParams={await searchParams} />;
}
