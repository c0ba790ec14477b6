import type { Metadata } from "next";
import { CustomerDetailPage } from "@/components/customers/customer-pages";
import { requireOperator } from "@/lib/next/actor";

export const metadata: Metadata = { title: "Customer" };

export default async function Page({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  const actor = await requireOperator("admin");
  const [{ id }, { created }] = await Promise.all([params, searchParams]);
  return <CustomerDetailPage actor={actor} id={id} created={created === "1"} />;
}
