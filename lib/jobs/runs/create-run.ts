// Creating a run is idempotent: its id is derived from (job, idempotency key), so a duplicate
// event, a second scheduler or a retried relay finds the run already there and creates nothing.
import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import { isUuid } from "@/lib/db";
import type { AnyJobDefinition } from "../define-job";
import { stableUuid } from "../stable-uuid";

export type CreateRunInput = {
  definition: AnyJobDefinition;
  payload: unknown;
  trigger: string;
  idempotencyKey: string;
  parentRunId?: string | null;
  rerunOfId?: string | null;
};

export type CreatedRun = { id: string; created: boolean; valid: boolean; concurrencyKey: string | null };

export function runIdFor(jobId: string, idempotencyKey: string): string {
  return stableUuid(`run:${jobId}:${idempotencyKey}`);
}

/** Inserts the run in `tx` (system scope). A payload that fails the job's schema becomes a FAILED run, visible to admins. */
export async function createRun(tx: Tx, input: CreateRunInput): Promise<CreatedRun> {
  const { definition: def } = input;
  const id = runIdFor(def.id, input.idempotencyKey);
  const parsed = def.payload.safeParse(input.payload);
  const payload = (parsed.success ? parsed.data : input.payload) as Record<string, unknown>;
  const tenantId = def.scope === "tenant" && isUuid(payload?.tenantId) ? payload.tenantId : null;
  const scopeError = def.scope === "tenant" && !tenantId ? "payload.tenantId: a tenant job needs its tenant" : null;
  const error = !parsed.success ? `invalid payload: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}` : scopeError;
  const concurrencyKey = def.concurrencyKey && !error ? `${def.id}:${String(payload[def.concurrencyKey])}` : null;
  const now = new Date();
  const { count } = await tx.jobRun.createMany({
    data: [
      {
        id,
        tenantId,
        jobId: def.id,
        trigger: input.trigger,
        idempotencyKey: input.idempotencyKey,
        payload: (payload ?? null) as Prisma.InputJsonValue,
        status: error ? "FAILED" : "QUEUED",
        maxAttempts: def.retries + 1,
        concurrencyKey,
        lastError: error,
        parentRunId: input.parentRunId ?? null,
        rerunOfId: input.rerunOfId ?? null,
        ...(error ? { finishedAt: now } : {}),
      },
    ],
    skipDuplicates: true,
  });
  return { id, created: count === 1, valid: !error, concurrencyKey };
}
