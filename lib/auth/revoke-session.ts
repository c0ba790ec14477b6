// Signing out ends the session on the server, not only in the browser: its id is recorded until
// the session could have expired anyway, and lib/next/actor.ts refuses it from then on (a kept or
// stolen copy of the cookie included). Other sessions of the same person are untouched.
import { isUuid, withSystem } from "@/lib/db";
import { SESSION_MAX_AGE_S } from "./session-lifetime";

export async function revokeSession(token: { sid?: unknown; authAt?: unknown } | null | undefined): Promise<void> {
  const sid = token?.sid;
  if (typeof sid !== "string" || !isUuid(sid)) return;
  const authAt = typeof token?.authAt === "number" ? token.authAt : Date.now() / 1000;
  const expiresAt = new Date((authAt + SESSION_MAX_AGE_S + 60) * 1000);
  await withSystem("session revoke", async (tx) => {
    await tx.revokedSession.createMany({ data: [{ sid, expiresAt }], skipDuplicates: true });
    // Expired rows protect nothing (the session ended by age); prune a few on the way.
    await tx.$executeRaw`DELETE FROM revoked_sessions WHERE sid IN (SELECT sid FROM revoked_sessions WHERE expires_at < now() LIMIT 100)`;
  });
}
