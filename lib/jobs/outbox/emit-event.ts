// Domain code announces what happened by writing an outbox row in the same transaction as the
// change. Nothing is sent here: the relay delivers it after commit, so a slow or absent job
// server never blocks or loses a user's write.
import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import type { JobEvent } from "../define-job";
import { stableUuid } from "../stable-uuid";

export type EmitEventInput = Omit<JobEvent, "id"> & { id?: string };

/** Writes events to the outbox inside `tx`. An event with an id already written is ignored. */
export async function emitEvents(tx: Tx, events: EmitEventInput[]): Promise<string[]> {
  const rows = events.map((e) => ({
    id: e.id ? stableUuid(e.id) : crypto.randomUUID(),
    tenantId: e.tenantId,
    name: e.name,
    data: { ...e.data, ...(e.tenantId ? { tenantId: e.tenantId } : {}) } as Prisma.InputJsonValue,
  }));
  if (rows.length) await tx.outboxEvent.createMany({ data: rows, skipDuplicates: true });
  return rows.map((r) => r.id);
}

export async function emitEvent(tx: Tx, event: EmitEventInput): Promise<string> {
  const [id] = await emitEvents(tx, [event]);
  return id!;
}
