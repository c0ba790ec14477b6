import type { Prisma } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db";
import type { Actor } from "./actor";

export type RecordAuditOptions = {
  actor: Actor;
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
};

const SECRET_KEYS = /password|secret|hash|token/i;

/** Drops secrets and normalizes values so before/after are safe to show to admins. */
export function auditSnapshot(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(
    JSON.stringify(value, (key, v) => (key && SECRET_KEYS.test(key) ? undefined : typeof v === "bigint" ? v.toString() : v)),
  ) as Prisma.InputJsonValue;
}

/** Writes the audit entry inside the caller's transaction, so it commits with the change. */
export async function recordAudit(tx: Tx, options: RecordAuditOptions): Promise<void> {
  const { actor } = options;
  await tx.auditLog.create({
    data: {
      tenantId: actor.tenantId,
      actorKind: actor.kind,
      actorId: actor.kind === "SYSTEM" ? null : actor.id,
      actorName: actor.name,
      action: options.action,
      targetType: options.targetType,
      targetId: options.targetId ?? null,
      before: auditSnapshot(options.before),
      after: auditSnapshot(options.after),
      ip: actor.ip ?? null,
    },
  });
}
