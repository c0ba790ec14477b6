import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { disconnectRouterSessionAction, removeCustomerLimitAction, setCustomerLimitAction } from "@/app/_actions/routers";
import { BandwidthControl } from "@/components/live/bandwidth-control";
import { LiveSessions } from "@/components/live/live-sessions";
import { can } from "@/lib/auth/permissions";
import { requireOperator } from "@/lib/next/actor";
import { listSpeedPresets } from "@/lib/packages/list-package-choices";

export const metadata: Metadata = { title: "Router live" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireOperator("admin");
  if (!can(actor, "routers:view")) forbidden();
  const { id } = await params;
  const manage = can(actor, "routers:manage");
  const presets = await listSpeedPresets(actor);
  return (
    <div className="space-y-8">
      <section aria-label="Active sessions" className="space-y-3">
        <div>
          <h2 className="text-base font-semibold text-gray-900">Active sessions</h2>
          <p className="text-sm text-gray-500">Straight from the router&apos;s API (PPP and hotspot), with each session&apos;s current rate.</p>
        </div>
        <LiveSessions routerId={id} customersPath="/admin/customers" disconnect={manage ? disconnectRouterSessionAction : undefined} />
      </section>
      <section aria-label="Bandwidth" className="space-y-3">
        <div>
          <h2 className="text-base font-semibold text-gray-900">Bandwidth</h2>
          <p className="text-sm text-gray-500">
            Set or change an online customer&apos;s limit now (a simple queue on its address, kept until you remove it); every queue&apos;s rate refreshes
            every 5 s.
          </p>
        </div>
        <BandwidthControl routerId={id} presets={presets} setLimit={manage ? setCustomerLimitAction : undefined} removeLimit={manage ? removeCustomerLimitAction : undefined} />
      </section>
    </div>
  );
}
