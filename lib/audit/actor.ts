import type { OperatorRole } from "@/lib/db/generated/enums";

/** Who is acting, resolved on the server from the session (never from client input). */
export type OperatorActor = {
  kind: "OPERATOR";
  id: string;
  tenantId: string;
  role: OperatorRole;
  name: string;
  /** Materialized reseller path: "/" for staff. */
  path: string;
  ip?: string | null;
};

export type CustomerActor = {
  kind: "CUSTOMER";
  id: string;
  tenantId: string;
  name: string;
  ip?: string | null;
};

export type SystemActor = { kind: "SYSTEM"; tenantId: string; name: string; ip?: string | null };

export type Actor = OperatorActor | CustomerActor | SystemActor;
