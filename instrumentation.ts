// Runs once when the Next.js server starts, before it serves pages.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // The client address for throttles and the audit log (lib/next/client-ip-stamp.ts).
  const { installClientIpStamp } = await import("@/lib/next/client-ip-stamp");
  installClientIpStamp();
}
