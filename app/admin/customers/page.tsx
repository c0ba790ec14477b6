import type { Metadata } from "next";
import { CustomersListPage } from "@/components/customers/customer-pages";
import { requireOperator } from "@/lib/next/actor";

export const metadata: Metadata = { title: "Customers" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireOperator("admin");
  return <CustomersListPage actor={actor} searchParams={await searchParams} />;
}
