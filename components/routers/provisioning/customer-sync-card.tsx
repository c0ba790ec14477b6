import Link from "next/link";
import { formatDateTime } from "@/components/format";
import type { CustomerSyncState } from "@/lib/routers/provisioning/customer-sync-state";
import { SyncStateBadge } from "./sync-state-badge";

/**
 * A customer's state on its API-mode router, with what differs there. Read-only: differences are
 * resolved on the router's sync page (`routerHref`, for operators who may see routers).
 */
export function CustomerSyncCard({ sync, timeZone, routerHref }: { sync: CustomerSyncState | null; timeZone: string; routerHref?: string }) {
  if (!sync) return <p className="text-sm text-gray-500">Served by RADIUS: nothing is pushed to a router for this customer.</p>;
  return (
    <div className="space-y-3 text-sm">
      <div className="flex flex-wrap items-center gap-2 text-gray-600">
        <SyncStateBadge state={sync.state} />
        <span>
          on{" "}
          {routerHref ? (
            <Link href={routerHref} className="text-indigo-700 hover:underline">
              {sync.routerName}
            </Link>
          ) : (
            sync.routerName
          )}
        </span>
        {sync.syncedAt && <span>· synced {formatDateTime(sync.syncedAt, timeZone)}</span>}
      </div>
      {sync.state === "PENDING" && <p className="text-gray-600">A change is on its way to the router.</p>}
      {sync.error && <p className="rounded-md bg-red-50 px-3 py-2 text-red-800">{sync.error}</p>}
      {sync.drift.length > 0 && (
        <div>
          <p className="text-gray-700">Changed by hand on the router:</p>
          <ul className="mt-1 space-y-1" aria-label="Differences on the router">
            {sync.drift.map((d) => (
              <li key={`${d.menuTitle}:${d.item}:${d.field}`} className="text-gray-700">
                {d.menuTitle} <span className="font-mono text-xs">{d.item}</span>, <span className="font-mono text-xs">{d.field}</span>: ours{" "}
                <code className="font-mono text-xs">{d.ours}</code>, router <code className="font-mono text-xs">{d.router}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
