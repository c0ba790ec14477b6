import type { Metadata } from "next";
import { NewCustomerPage } from "@/components/customers/customer-pages";
import { requireOperator } from "@/lib/next/actor";

export const metadata: Metadata = { title: "New customer" };

export default async function Page() {
  return <NewCustomerPage actor={await requireOperator("admin")} />;
}
