// Cron occurrences in a time zone, from an injected clock: the scheduler asks "which instants
// between my last tick and now did this schedule name?", so downtime is caught up, not skipped.
import { Cron } from "croner";
import type { CronTrigger } from "../define-job";

export const MAX_CATCH_UP = 1000;

/** Occurrences in (after, until], oldest first, at most `max`. */
export function cronOccurrences(trigger: CronTrigger, after: Date, until: Date, max = MAX_CATCH_UP): Date[] {
  const cron = new Cron(trigger.expression, { timezone: trigger.timezone ?? "UTC", paused: true });
  const out: Date[] = [];
  let cursor: Date | null = after;
  while (out.length < max) {
    cursor = cron.nextRun(cursor);
    if (!cursor || cursor > until) break;
    out.push(cursor);
  }
  return out;
}

export function isValidCron(expression: string, timezone = "UTC"): boolean {
  try {
    new Cron(expression, { timezone, paused: true });
    return true;
  } catch {
    return false;
  }
}
