import { OperatorPanel } from "@/components/panel-shell/operator-panel";
import { ROLE_LABELS } from "@/components/format";
import { requireOperator } from "@/lib/next/actor";
import { resellerNav } from "@/lib/next/panel-nav";

export default async function ResellerLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireOperator("reseller");
  return (
    <OperatorPanel actor={actor} panelLabel={ROLE_LABELS[actor.role] ?? "Reseller"} nav={resellerNav(actor)}>
      {children}
    </OperatorPanel>
  );
}
