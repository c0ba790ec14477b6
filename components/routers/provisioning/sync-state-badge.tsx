import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { SyncStateName } from "@/lib/routers/provisioning/router-sync-summary";

const LABEL: Record<SyncStateName, string> = { IN_SYNC: "In sync", PENDING: "Sync pending", DRIFT: "Drift", ERROR: "Sync error" };
const TONE: Record<SyncStateName, BadgeTone> = { IN_SYNC: "green", PENDING: "blue", DRIFT: "yellow", ERROR: "red" };

/** Where a customer (or a router) stands against the database in API mode. */
export function SyncStateBadge({ state, title }: { state: SyncStateName; title?: string }) {
  return (
    <Badge tone={TONE[state]} title={title} data-testid="sync-state">
      {LABEL[state]}
    </Badge>
  );
}
