import { headers } from "next/headers";

/** The client address as reported by the reverse proxy in front of the app. */
export async function requestIp(): Promise<string | null> {
  const h = await headers();
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || null;
}
