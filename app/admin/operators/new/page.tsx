import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { NewOperatorPage } from "@/components/operators/operator-pages";
import { can } from "@/lib/auth/permissions";
import { requireOperator } from "@/lib/next/actor";

export const metadata: Metadata = { title: "New operator" };

export default async function Page() {
  const actor = await requireOperator("admin");
  if (!can(actor, "operators:manage")) forbidden();
  return <NewOperatorPage actor={actor} />;
}
