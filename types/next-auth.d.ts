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
    role?: string;
    slug?: string;
    username?: string;
  }
}
