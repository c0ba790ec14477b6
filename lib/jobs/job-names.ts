import { jobDefinitions } from "./registry";

const names = new Map(jobDefinitions.map((d) => [d.id, d.name]));

/** What admins call a job; its id when the definition is gone. */
export function jobName(jobId: string): string {
  return names.get(jobId) ?? jobId;
}
