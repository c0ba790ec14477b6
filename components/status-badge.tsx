import { Badge } from "@/components/ui/badge";
import { ROUTER_STATE_LABELS, STATUS_LABELS, statusTone } from "@/components/format";

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={statusTone(status)}>{STATUS_LABELS[status] ?? ROUTER_STATE_LABELS[status] ?? status}</Badge>;
}
