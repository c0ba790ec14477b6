// "Run this job now" as an event, so a manual run or a re-run takes the same road as every other
// trigger (outbox -> relay -> driver) and works the same with either driver.
export const RUN_REQUESTED = "jobs/run.requested";

export type RunRequestedData = { jobId: string; payload: unknown; rerunOfId?: string };

export function isRunRequested(name: string): boolean {
  return name === RUN_REQUESTED;
}
