import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    actor: {
      kind: "OPERATOR" | "CUSTOMER";
      id: string;
      tenantId: string;
      role?: string;
      slug?: string;
      name: string;
      sv: number;
    };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    kind: "OPERATOR" | "CUSTOMER";
    tenantId: string;
    sv: number;
    /** Session id (random, per sign-in); signing out revokes it (lib/auth/revoke-session.ts). */
    sid?: string;
    /** Sign-in time (seconds): the session ends SESSION_MAX_AGE_S after it, re-issued or not. */
    authAt?: number;
    role?: string;
    slug?: string;
    username?: string;
  }
}
