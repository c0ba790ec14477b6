// next-auth 4: two credentials providers (operators at /login, customers at /portal/<slug>/login)
// and JWT sessions carrying who the actor is and a random session id. Revocation is checked on
// every request (lib/next/actor.ts) against the session version in the database (ends all of a
// person's sessions) and the signed-out session ids (ends one).
import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticateCustomer, authenticateOperator, type CustomerIdentity, type OperatorIdentity } from "./authenticate";
import { decodeSessionJwt, encodeSessionJwt } from "./session-jwt";
import { revokeSession } from "./revoke-session";
import { safeAuthRedirect } from "./safe-callback";
import { SESSION_MAX_AGE_S } from "./session-lifetime";
import { requestIpFromHeaders } from "@/lib/next/request-ip";

export class ThrottledError extends Error {
  constructor() {
    super("THROTTLED");
  }
}

function outcome<T>(result: T | null | "THROTTLED"): T | null {
  // next-auth turns a thrown error into ?error=<message> on the client.
  if (result === "THROTTLED") throw new ThrottledError();
  return result;
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  jwt: { encode: encodeSessionJwt, decode: decodeSessionJwt },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      id: "operator",
      name: "Operator",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const result = await authenticateOperator(credentials?.email ?? "", credentials?.password ?? "", requestIpFromHeaders(req?.headers));
        const identity = outcome(result);
        return identity ? { ...identity, id: identity.id } : null;
      },
    }),
    CredentialsProvider({
      id: "customer",
      name: "Customer",
      credentials: {
        slug: { label: "ISP", type: "text" },
        username: { label: "Username", type: "text" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, req) {
        const result = await authenticateCustomer(
          credentials?.slug ?? "",
          credentials?.username ?? "",
          credentials?.password ?? "",
          requestIpFromHeaders(req?.headers),
        );
        const identity = outcome(result);
        return identity ? { ...identity, id: identity.id } : null;
      },
    }),
  ],
  events: {
    // Sign-out ends this session server-side (next-auth only clears the cookie). next-auth logs
    // and swallows an error here, so a failed revocation cannot trap anyone signed in.
    async signOut({ token }) {
      await revokeSession(token);
    },
  },
  callbacks: {
    // The default reads `new URL(url)` of a callbackUrl from the query or a cookie: garbage there
    // was a 500. Ours never throws and only answers our own origin.
    async redirect(params) {
      return safeAuthRedirect(params);
    },
    async jwt({ token, user }) {
      if (user) {
        const u = user as unknown as OperatorIdentity | CustomerIdentity;
        token.kind = u.kind;
        token.sub = u.id;
        token.tenantId = u.tenantId;
        token.sv = u.sessionVersion;
        token.sid = randomUUID();
        token.authAt = Math.floor(Date.now() / 1000);
        token.name = u.name;
        if (u.kind === "OPERATOR") {
          token.role = u.role;
          token.email = u.email;
        } else {
          token.slug = u.tenantSlug;
          token.username = u.username;
        }
      }
      return token;
    },
    async session({ session, token }) {
      session.actor = {
        kind: token.kind,
        id: token.sub ?? "",
        tenantId: token.tenantId,
        role: token.role,
        slug: token.slug,
        name: token.name ?? "",
        sv: token.sv,
      };
      return session;
    },
  },
};
