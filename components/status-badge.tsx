import { Badge } from "@/components/ui/badge";
import { STATUS_LABELS, statusTone } from "@/components/format";

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={statusTone(status)}>{STATUS_LABELS[status] ?? status}</Badge>;
}
