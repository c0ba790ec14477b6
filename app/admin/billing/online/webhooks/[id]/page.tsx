import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { WebhookRequestPage } from "@/components/payments/online-payments-page";
import { can } from "@/lib/auth/permissions";
import { requireOperator } from "@/lib/next/actor";

export const metadata: Metadata = { title: "Callback" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireOperator("admin");
  if (!can(actor, "billing:view")) forbidden();
  return <WebhookRequestPage actor={actor} id={(await params).id} />;
}
