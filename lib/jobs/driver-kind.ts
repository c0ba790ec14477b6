/** Inngest when it is configured (keys, or the dev server); otherwise the local PostgreSQL driver. */
export function activeDriverKind(env: NodeJS.ProcessEnv = process.env): "inngest" | "local" {
  if (env.JOBS_DRIVER === "local" || env.JOBS_DRIVER === "inngest") return env.JOBS_DRIVER;
  return env.INNGEST_EVENT_KEY || env.INNGEST_SIGNING_KEY || env.INNGEST_DEV === "1" ? "inngest" : "local";
}
