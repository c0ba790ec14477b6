import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { createRouterAction } from "@/app/_actions/routers";
import { NewRouterForm } from "@/components/routers/router-form";
import { Breadcrumbs } from "@/components/panel-shell/breadcrumbs";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireOperator } from "@/lib/next/actor";

export const metadata: Metadata = { title: "New router" };

export default async function Page() {
  const actor = await requireOperator("admin");
  if (!can(actor, "routers:manage")) forbidden();
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ label: "Routers", href: "/admin/routers" }, { label: "New router" }]} />
      <PageHeader title="New router" description="A RADIUS secret is generated for it and shown once." />
      <Card className="max-w-2xl">
        <CardContent className="pt-6">
          <NewRouterForm action={createRouterAction} basePath="/admin/routers" />
        </CardContent>
      </Card>
    </div>
  );
}
