// A job is defined once and run by either driver (lib/jobs/local or inngest/). The definition says
// what triggers it, how often it retries, what may not run twice at once, and its handler, whose
// side effects are named steps. The handler calls lib/<domain> services; no business logic here.
import type { z } from "zod";

export type JobEvent = {
  /** Stable id: the event's idempotency key (a duplicate with the same id is dropped). */
  id: string;
  name: string;
  tenantId: string | null;
  data: Record<string, unknown>;
};

export type StepTools = {
  /**
   * A named side effect. Its JSON output is stored; a retried run gets the stored output back
   * instead of running it again. Ids are unique within a run.
   */
  run<T>(id: string, fn: () => Promise<T>): Promise<T>;
  /** Sends events exactly once per run (memoized like run): how a parent fans out to children. */
  sendEvent(id: string, events: JobEvent[]): Promise<void>;
  /** Progress of a long run, shown as a progress bar. Safe to repeat. */
  progress(done: number, total: number): Promise<void>;
};

export type JobContext<P> = {
  payload: P;
  runId: string;
  /** 1 on the first attempt. */
  attempt: number;
  tenantId: string | null;
  step: StepTools;
};

export type CronTrigger = {
  expression: string;
  /** IANA zone the expression is read in; UTC when omitted. */
  timezone?: string;
};

export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  /** Stable id: also the Inngest function id and part of every run's identity. */
  id: string;
  /** What admins see in the runs list. */
  name: string;
  /** "tenant" runs belong to payload.tenantId and are visible to that ISP; "platform" runs to nobody's. */
  scope: "tenant" | "platform";
  payload: S;
  events?: readonly string[];
  cron?: CronTrigger;
  /** Attempts after the first. */
  retries: number;
  /** A run taking longer is presumed crashed and retried (local driver). */
  timeoutSeconds?: number;
  /** A payload field: never two runs with the same value at once (e.g. one router's sync). */
  concurrencyKey?: string;
  handler: (ctx: JobContext<z.infer<S>>) => Promise<unknown>;
};

export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  if (!/^[a-z0-9][a-z0-9.-]*$/.test(definition.id)) throw new Error(`job id ${definition.id}: lowercase letters, digits, dots and dashes`);
  if (!definition.events?.length && !definition.cron) throw new Error(`job ${definition.id} has no trigger`);
  return definition;
}

export type AnyJobDefinition = JobDefinition<z.ZodType>;

/**
 * An error that another attempt cannot cure (a router refusing a value, a record that is gone)
 * says so with `retriable: false`: the run fails at once instead of spending its retries, with
 * either driver. Errors without the flag are retried.
 */
export function isNonRetriable(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { retriable?: unknown }).retriable === false;
}

/** The payload every cron-triggered run receives. */
export type CronPayload = { scheduledAt: string };

export const DEFAULT_TIMEOUT_SECONDS = 15 * 60;
