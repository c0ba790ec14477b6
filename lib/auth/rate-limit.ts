// Login throttling kept in PostgreSQL, so every process and replica sees the same counts.
import { withSystem } from "@/lib/db";

export const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

export type LoginKeys = { account: string; ip: string | null };

function keysOf(k: LoginKeys): string[] {
  return k.ip ? [k.account, `ip:${k.ip}`] : [k.account];
}

/** True when the account or the IP has too many recent failures (counted since its last success). */
export async function isLoginThrottled(k: LoginKeys, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  return withSystem("login throttle check", async (tx) => {
    for (const key of keysOf(k)) {
      const lastSuccess = await tx.loginAttempt.findFirst({
        where: { key, success: true, createdAt: { gte: since } },
        orderBy: { createdAt: "desc" },
        select: { createdAt: true },
      });
      const failures = await tx.loginAttempt.count({
        where: { key, success: false, createdAt: { gte: lastSuccess?.createdAt ?? since } },
      });
      const limit = key.startsWith("ip:") ? MAX_FAILURES_PER_IP : MAX_FAILURES_PER_ACCOUNT;
      if (failures >= limit) return true;
    }
    return false;
  });
}

export async function recordLoginAttempt(k: LoginKeys, success: boolean): Promise<void> {
  await withSystem("login attempt record", async (tx) => {
    // An IP's successes don't forgive its failures on other accounts; only account keys reset.
    const keys = success ? [k.account] : keysOf(k);
    await tx.loginAttempt.createMany({ data: keys.map((key) => ({ key, success })) });
    // Old rows are useless for throttling; prune a few at a time on the way.
    await tx.$executeRaw`DELETE FROM login_attempts WHERE id IN (SELECT id FROM login_attempts WHERE created_at < now() - interval '1 day' LIMIT 100)`;
  });
}

export const SIGNUP_WINDOW_MS = 60 * 60_000;
export const MAX_SIGNUPS_PER_IP = 10;

/**
 * Takes one of an IP's sign-up attempts for the window (every attempt counts, whatever its
 * outcome: probing which emails exist is what this slows down). False when none is left. An
 * unknown address shares one bucket. Rows live in login_attempts, pruned with them.
 */
export async function takeSignUpAttempt(ip: string | null, now = new Date()): Promise<boolean> {
  const key = `signup:ip:${ip ?? "unknown"}`;
  const since = new Date(now.getTime() - SIGNUP_WINDOW_MS);
  return withSystem("signup throttle", async (tx) => {
    // Serializes one IP's concurrent attempts, so a burst cannot all read the same count.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
    const used = await tx.loginAttempt.count({ where: { key, createdAt: { gte: since } } });
    if (used >= MAX_SIGNUPS_PER_IP) return false;
    await tx.loginAttempt.create({ data: { key, success: false } });
    return true;
  });
}
