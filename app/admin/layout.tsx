import { OperatorPanel } from "@/components/panel-shell/operator-panel";
import { requireOperator } from "@/lib/next/actor";
import { adminNav } from "@/lib/next/panel-nav";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireOperator("admin");
  return (
    <OperatorPanel actor={actor} panelLabel="Admin" nav={adminNav(actor)}>
      {children}
    </OperatorPanel>
  );
}
