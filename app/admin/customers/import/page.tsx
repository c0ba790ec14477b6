import type { Metadata } from "next";
import { ImportCustomersPage } from "@/components/customers/import-page";

export const metadata: Metadata = { title: "Import customers" };

export default function Page({ searchParams }: { searchParams: Promise<{ id?: string | string[] }> }) {
  return <ImportCustomersPage panel="admin" searchParams={searchParams} />;
}
