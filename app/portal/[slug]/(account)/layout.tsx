import { PanelShell } from "@/components/panel-shell/panel-shell";
import { requireCustomer } from "@/lib/next/actor";
import { getTenant } from "@/lib/tenants/get-tenant";

export default async function PortalLayout({ children, params }: { children: React.ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const customer = await requireCustomer(slug);
  const tenant = await getTenant(customer.tenantId);
  return (
    <PanelShell
      brand={tenant?.name ?? "Your ISP"}
      panelLabel="My account"
      nav={[{ href: `/portal/${slug}`, label: "My account", icon: "user" }]}
      user={{ name: customer.name, subtitle: "Customer" }}
      signOutHref={`/portal/${slug}/logout`}
    >
      {children}
    </PanelShell>
  );
}
