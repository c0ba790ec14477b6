"use server";

import { rerunJobRun } from "@/lib/jobs/runs/rerun-job-run";
import { operatorAction } from "@/lib/next/operator-action";

export const rerunJobRunAction = operatorAction((actor, input) => rerunJobRun(actor, input.id ?? ""), {
  revalidate: ["/admin/jobs"],
  successMessage: "Re-run requested. It will appear in the list in a moment.",
});
