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

export type CreatedRun = { id: string; created: boolean; valid: boolean; definition: AnyJobDefinition };

export function runIdFor(jobId: string, idempotencyKey: string): string {
  return stableUuid(`run:${jobId}:${idempotencyKey}`);
}

function toRow(input: CreateRunInput, now: Date): Prisma.JobRunCreateManyInput {
  const { definition: def } = input;
  const parsed = def.payload.safeParse(input.payload);
  const payload = (parsed.success ? parsed.data : input.payload) as Record<string, unknown>;
  const tenantId = def.scope === "tenant" && isUuid(payload?.tenantId) ? payload.tenantId : null;
  const scopeError = def.scope === "tenant" && !tenantId ? "payload.tenantId: a tenant job needs its tenant" : null;
  const error = !parsed.success ? `invalid payload: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}` : scopeError;
  return {
    id: runIdFor(def.id, input.idempotencyKey),
    tenantId,
    jobId: def.id,
    trigger: input.trigger,
    idempotencyKey: input.idempotencyKey,
    payload: (payload ?? null) as Prisma.InputJsonValue,
    status: error ? "FAILED" : "QUEUED",
    maxAttempts: def.retries + 1,
    concurrencyKey: def.concurrencyKey && !error ? `${def.id}:${String(payload[def.concurrencyKey])}` : null,
    lastError: error,
    parentRunId: input.parentRunId ?? null,
    rerunOfId: input.rerunOfId ?? null,
    ...(error ? { finishedAt: now } : {}),
  };
}

/**
 * Inserts runs in `tx` (system scope), skipping those that exist. A payload that fails its job's
 * schema becomes a FAILED run, visible to admins, instead of an error that would block the batch.
 */
export async function createRuns(tx: Tx, inputs: CreateRunInput[]): Promise<CreatedRun[]> {
  if (!inputs.length) return [];
  const now = new Date();
  const rows = inputs.map((input) => toRow(input, now));
  const inserted = await tx.jobRun.createManyAndReturn({ data: rows, skipDuplicates: true, select: { id: true } });
  const created = new Set(inserted.map((r) => r.id));
  return rows.map((row, i) => ({ id: row.id!, created: created.has(row.id!), valid: row.status !== "FAILED", definition: inputs[i]!.definition }));
}

export async function createRun(tx: Tx, input: CreateRunInput): Promise<CreatedRun> {
  const [run] = await createRuns(tx, [input]);
  return run!;
}
