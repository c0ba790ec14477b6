import type { ReactNode } from "react";
import { PanelShell } from "./panel-shell";
import type { OperatorActor } from "@/lib/audit/actor";
import { getTenant } from "@/lib/tenants/get-tenant";
import { ROLE_LABELS } from "@/components/format";
import type { NavItem } from "@/lib/next/panel-nav";

/** The panel chrome for operators: tenant name, navigation, user menu. */
export async function OperatorPanel({ actor, panelLabel, nav, children }: { actor: OperatorActor; panelLabel: string; nav: NavItem[]; children: ReactNode }) {
  const tenant = await getTenant(actor.tenantId);
  return (
    <PanelShell
      brand={tenant?.name ?? "ISP"}
      panelLabel={panelLabel}
      nav={nav}
      user={{ name: actor.name, subtitle: ROLE_LABELS[actor.role] ?? actor.role }}
      signOutHref="/logout"
    >
      {children}
    </PanelShell>
  );
}
