// Resolves who is calling, on the server, from the session cookie, and re-checks it against the
// database on every request: a bumped session version, a disabled account, a suspended ISP or a
// signed-out session (revoked_sessions) ends it at once.
import { cache } from "react";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import type { JWT } from "next-auth/jwt";
import { SESSION_MAX_AGE_S } from "@/lib/auth/session-lifetime";
import { decodeSessionJwt } from "@/lib/auth/session-jwt";
import { isStaff } from "@/lib/auth/permissions";
import type { CustomerActor, OperatorActor } from "@/lib/audit/actor";
import { appPool, isUuid, type OperatorRole } from "@/lib/db";
import { requestIp } from "./request-ip";

export type Panel = "admin" | "reseller";

type SessionOperator = { id: string; tenantId: string; role: OperatorRole; name: string; path: string; status: string; sessionVersion: number; tenantStatus: string };
type SessionCustomer = { id: string; tenantId: string; name: string; status: string; sessionVersion: number; tenantStatus: string; tenantSlug: string };

/** What a session cookie claims, once checked for shape and absolute age. */
export type SessionClaims = { kind: JWT["kind"]; id: string; tenantId: string; sv: number; slug?: string; sid: string };

/**
 * A session lives SESSION_MAX_AGE_S from sign-in (`authAt`), however often next-auth re-issues its
 * cookie; so a revoked session id need only be kept that long. Tokens without a session id
 * (issued before sign-out could revoke them) are refused: their holders sign in again once.
 */
export function claimsFromToken(t: JWT | null, now = Date.now()): SessionClaims | null {
  if (!t || typeof t.sid !== "string" || !isUuid(t.sid) || typeof t.authAt !== "number") return null;
  if (t.authAt * 1000 + SESSION_MAX_AGE_S * 1000 < now) return null;
  return { kind: t.kind, id: t.sub ?? "", tenantId: t.tenantId, sv: t.sv, slug: t.slug, sid: t.sid };
}

/**
 * The signed-in identity from the session cookie, decrypted with the cached key (lib/auth/session-jwt).
 * next-auth's getServerSession did the same plus a full internal request and a re-encrypted
 * cookie nobody could set from here: ~1 ms of CPU per request for nothing (docs/benchmarks.md).
 */
const sessionClaims = cache(async () => {
  // Read the cookies first, whatever happens next: that is what marks a page as rendered per
  // request. (Returning before it let `next build` prerender signed-in pages as redirects.)
  const jar = await cookies();
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) return null;
  const name = `${(process.env.NEXTAUTH_URL ?? "").startsWith("https://") ? "__Secure-" : ""}next-auth.session-token`;
  // next-auth splits a token over name.0, name.1, ... when it exceeds a cookie.
  const token =
    jar.get(name)?.value ??
    (jar
      .getAll()
      .filter((c) => c.name.startsWith(`${name}.`))
      .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)))
      .map((c) => c.value)
      .join("") ||
      undefined);
  if (!token) return null;
  // A garbage cookie is no session (signed out), never an error.
  return claimsFromToken(await decodeSessionJwt({ token, secret }).catch(() => null));
});

// Not a revoked (signed-out) session: checked in the same statement as the re-read below.
const NOT_REVOKED = "NOT EXISTS (SELECT 1 FROM revoked_sessions WHERE sid = $3::uuid)";

/** The operator behind checked session claims, re-read from the database; null if it may not act. */
export async function operatorForSession(s: SessionClaims): Promise<Omit<OperatorActor, "ip"> | null> {
  if (s.kind !== "OPERATOR" || !isUuid(s.tenantId) || !isUuid(s.id)) return null;
  // One statement (app_session_operator, migration hot_read_functions): this runs on every request.
  const { rows: [op] } = await appPool().query<SessionOperator>(
    `SELECT id::text, tenant_id::text AS "tenantId", role, name, path, status, session_version AS "sessionVersion", tenant_status AS "tenantStatus"
       FROM app_session_operator($1::uuid, $2::uuid) WHERE ${NOT_REVOKED}`,
    [s.tenantId, s.id, s.sid],
  );
  if (!op || op.status !== "ACTIVE" || op.tenantStatus !== "ACTIVE" || op.sessionVersion !== s.sv) return null;
  return { kind: "OPERATOR", id: op.id, tenantId: op.tenantId, role: op.role, name: op.name, path: op.path };
}

/** The portal customer behind checked session claims; null if it may not act. */
export async function customerForSession(s: SessionClaims): Promise<Omit<CustomerActor & { slug: string }, "ip"> | null> {
  if (s.kind !== "CUSTOMER" || !isUuid(s.tenantId) || !isUuid(s.id) || !s.slug) return null;
  const { rows: [c] } = await appPool().query<SessionCustomer>(
    `SELECT id::text, tenant_id::text AS "tenantId", name, status, session_version AS "sessionVersion", tenant_status AS "tenantStatus", tenant_slug AS "tenantSlug"
       FROM app_session_customer($1::uuid, $2::uuid) WHERE ${NOT_REVOKED}`,
    [s.tenantId, s.id, s.sid],
  );
  if (!c || c.status === "DISABLED" || c.tenantStatus !== "ACTIVE" || c.sessionVersion !== s.sv) return null;
  return { kind: "CUSTOMER", id: c.id, tenantId: c.tenantId, name: c.name, slug: c.tenantSlug };
}

export const getOperatorActor = cache(async (): Promise<OperatorActor | null> => {
  const s = await sessionClaims();
  const op = s && (await operatorForSession(s));
  return op ? { ...op, ip: await requestIp() } : null;
});

export const getCustomerActor = cache(async (): Promise<(CustomerActor & { slug: string }) | null> => {
  const s = await sessionClaims();
  const c = s && (await customerForSession(s));
  return c ? { ...c, ip: await requestIp() } : null;
});

export function panelFor(actor: Pick<OperatorActor, "role">): `/${Panel}` {
  return isStaff(actor.role) ? "/admin" : "/reseller";
}

/** For pages and layouts: the operator of this panel, or a redirect to sign in, or 403. */
export async function requireOperator(panel: Panel): Promise<OperatorActor> {
  const actor = await getOperatorActor();
  if (!actor) {
    const customer = await getCustomerActor();
    if (customer) forbidden();
    redirect(`/login?callbackUrl=/${panel}`);
  }
  if (panelFor(actor) !== `/${panel}`) forbidden();
  return actor;
}

export async function requireCustomer(slug: string): Promise<CustomerActor & { slug: string }> {
  const actor = await getCustomerActor();
  if (!actor) {
    if (await getOperatorActor()) forbidden();
    redirect(`/portal/${encodeURIComponent(slug)}/login`);
  }
  if (actor.slug !== slug) forbidden();
  return actor;
}
