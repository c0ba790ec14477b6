// Where a setup run stands, for the progress view on the router's page: the run of the setup job
// whose payload names this router (and this request), with one line per setup step.
import { isUuid, withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { routerNotFound } from "./prepare-router-setup";
import { ROUTER_SETUP_JOB_ID } from "./setup-events";
import { SETUP_STEP_IDS, SETUP_STEP_TITLES, type SetupStepResult } from "./setup.types";

export type SetupStepProgress = {
  id: string;
  title: string;
  status: "PENDING" | "RUNNING" | "COMPLETED" | "FAILED";
  error: string | null;
  added: number | null;
  changed: number | null;
};

export type RouterSetupProgress = {
  runId: string;
  requestId: string;
  status: string;
  /** The run is over (completed, failed or cancelled): stop polling. */
  done: boolean;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  queuedAt: string;
  finishedAt: string | null;
  steps: SetupStepProgress[];
};

export type RouterSetupStatus = { setupAppliedAt: string | null; latest: RouterSetupProgress | null };

const STEP_TITLES: Record<string, string> = { ...SETUP_STEP_TITLES, finish: "Record the setup" };
const OVER = new Set(["COMPLETED", "FAILED", "CANCELLED"]);

async function findRouter(actor: OperatorActor, routerId: string) {
  assertCan(actor, "routers:view");
  if (!isUuid(routerId)) throw routerNotFound();
  const router = await withTenant(actor.tenantId, (tx) =>
    tx.router.findFirst({ where: { id: routerId, tenantId: actor.tenantId }, select: { id: true, setupAppliedAt: true } }),
  );
  if (!router) throw routerNotFound();
  return router;
}

async function latestRun(actor: OperatorActor, routerId: string, requestId?: string): Promise<RouterSetupProgress | null> {
  const run = await withTenant(actor.tenantId, (tx) =>
    tx.jobRun.findFirst({
      where: {
        tenantId: actor.tenantId,
        jobId: ROUTER_SETUP_JOB_ID,
        AND: [{ payload: { path: ["routerId"], equals: routerId } }, ...(requestId ? [{ payload: { path: ["requestId"], equals: requestId } }] : [])],
      },
      orderBy: { queuedAt: "desc" },
      include: { steps: true },
    }),
  );
  if (!run) return null;
  const byId = new Map(run.steps.map((s) => [s.stepId, s]));
  const steps = [...SETUP_STEP_IDS, "finish"].map((id): SetupStepProgress => {
    const s = byId.get(id);
    const output = s?.status === "COMPLETED" ? (s.output as Partial<SetupStepResult> | null) : null;
    return {
      id,
      title: STEP_TITLES[id] ?? id,
      status: (s?.status as SetupStepProgress["status"] | undefined) ?? "PENDING",
      error: s?.status === "FAILED" ? (s.error ?? null) : null,
      added: typeof output?.added === "number" ? output.added : null,
      changed: typeof output?.changed === "number" ? output.changed : null,
    };
  });
  return {
    runId: run.id,
    requestId: String((run.payload as Record<string, unknown>).requestId ?? ""),
    status: run.status,
    done: OVER.has(run.status),
    attempts: run.attempts,
    maxAttempts: run.maxAttempts,
    lastError: run.lastError,
    queuedAt: run.queuedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    steps,
  };
}

/** The run started by this request; null until the worker has picked the request up. */
export async function getRouterSetupProgress(actor: OperatorActor, routerId: string, requestId: string): Promise<RouterSetupProgress | null> {
  await findRouter(actor, routerId);
  if (!isUuid(requestId)) return null;
  return latestRun(actor, routerId, requestId);
}

/** For the router's page: when setup last applied, and the latest run (to resume its progress). */
export async function getRouterSetupStatus(actor: OperatorActor, routerId: string): Promise<RouterSetupStatus> {
  const router = await findRouter(actor, routerId);
  return { setupAppliedAt: router.setupAppliedAt?.toISOString() ?? null, latest: await latestRun(actor, routerId) };
}
