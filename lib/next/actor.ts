// Resolves who is calling, on the server, from the session cookie, and re-checks it against the
// database on every request: a bumped session version, a disabled account or a suspended ISP
// ends the session at once.
import { cache } from "react";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { decodeSessionJwt } from "@/lib/auth/session-jwt";
import { isStaff } from "@/lib/auth/permissions";
import type { CustomerActor, OperatorActor } from "@/lib/audit/actor";
import { appPool, isUuid, type OperatorRole } from "@/lib/db";
import { requestIp } from "./request-ip";

export type Panel = "admin" | "reseller";

type SessionOperator = { id: string; tenantId: string; role: OperatorRole; name: string; path: string; status: string; sessionVersion: number; tenantStatus: string };
type SessionCustomer = { id: string; tenantId: string; name: string; status: string; sessionVersion: number; tenantStatus: string; tenantSlug: string };

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
  const t = await decodeSessionJwt({ token, secret }).catch(() => null);
  if (!t) return null;
  return { kind: t.kind, id: t.sub ?? "", tenantId: t.tenantId, sv: t.sv, slug: t.slug };
});

export const getOperatorActor = cache(async (): Promise<OperatorActor | null> => {
  const s = await sessionClaims();
  if (!s || s.kind !== "OPERATOR" || !isUuid(s.tenantId) || !isUuid(s.id)) return null;
  // One statement (app_session_operator, migration hot_read_functions): this runs on every request.
  const { rows: [op] } = await appPool().query<SessionOperator>(
    `SELECT id::text, tenant_id::text AS "tenantId", role, name, path, status, session_version AS "sessionVersion", tenant_status AS "tenantStatus"
       FROM app_session_operator($1::uuid, $2::uuid)`,
    [s.tenantId, s.id],
  );
  if (!op || op.status !== "ACTIVE" || op.tenantStatus !== "ACTIVE" || op.sessionVersion !== s.sv) return null;
  return { kind: "OPERATOR", id: op.id, tenantId: op.tenantId, role: op.role, name: op.name, path: op.path, ip: await requestIp() };
});

export const getCustomerActor = cache(async (): Promise<(CustomerActor & { slug: string }) | null> => {
  const s = await sessionClaims();
  if (!s || s.kind !== "CUSTOMER" || !isUuid(s.tenantId) || !isUuid(s.id) || !s.slug) return null;
  const { rows: [c] } = await appPool().query<SessionCustomer>(
    `SELECT id::text, tenant_id::text AS "tenantId", name, status, session_version AS "sessionVersion", tenant_status AS "tenantStatus", tenant_slug AS "tenantSlug"
       FROM app_session_customer($1::uuid, $2::uuid)`,
    [s.tenantId, s.id],
  );
  if (!c || c.status === "DISABLED" || c.tenantStatus !== "ACTIVE" || c.sessionVersion !== s.sv) return null;
  return { kind: "CUSTOMER", id: c.id, tenantId: c.tenantId, name: c.name, slug: c.tenantSlug, ip: await requestIp() };
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
