// Where routers find the app: the FreeRADIUS address they must ask, and the payment portal that
// suspended customers may still reach. Read from the environment (see docs/router-setup.md).
import { isIP } from "node:net";

export type SetupEnvironment = {
  radiusServer: { address: string; authPort: number; acctPort: number };
  portalHost: string;
  /** Fallbacks in use: shown with the dry-run. */
  warnings: string[];
  /** Settings that make setup impossible (apply refuses to start). */
  problems: string[];
};

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

function isLoopbackOrWildcard(address: string): boolean {
  return /^127\./.test(address) || address === "::1" || address === "0.0.0.0" || address === "::" || address === "localhost";
}

function port(value: string | undefined, fallback: number, name: string, problems: string[]): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (Number.isInteger(n) && n > 0 && n < 65536) return n;
  problems.push(`${name} must be a port number (1-65535).`);
  return fallback;
}

function urlHost(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.replace(/^\[(.*)\]$/, "$1") || undefined;
  } catch {
    return undefined;
  }
}

/**
 * RADIUS_PUBLIC_ADDRESS (an IP address), else RADIUS_LISTEN_ADDRESS when it is one routers can
 * reach, else NEXTAUTH_URL's host when it is an IP address, else 127.0.0.1 (only a router on this
 * machine, like the simulator, reaches that). Ports: RADIUS_AUTH_PORT / RADIUS_ACCT_PORT.
 * Portal: PORTAL_HOST, else NEXTAUTH_URL's host, else localhost.
 */
export function routerSetupEnvironment(env: Record<string, string | undefined> = process.env): SetupEnvironment {
  const warnings: string[] = [];
  const problems: string[] = [];

  let address: string;
  const explicit = env.RADIUS_PUBLIC_ADDRESS?.trim();
  const listen = env.RADIUS_LISTEN_ADDRESS?.trim();
  const appHost = urlHost(env.NEXTAUTH_URL);
  if (explicit) {
    address = explicit;
    if (!isIP(explicit)) problems.push(`RADIUS_PUBLIC_ADDRESS must be an IP address (RouterOS takes no host name in /radius): "${explicit}".`);
  } else if (listen && isIP(listen) && !isLoopbackOrWildcard(listen)) {
    address = listen;
    warnings.push(`RADIUS_PUBLIC_ADDRESS is not set: routers are told to ask FreeRADIUS at ${listen} (RADIUS_LISTEN_ADDRESS).`);
  } else if (appHost && isIP(appHost) && !isLoopbackOrWildcard(appHost)) {
    address = appHost;
    warnings.push(`RADIUS_PUBLIC_ADDRESS is not set: routers are told to ask FreeRADIUS at ${appHost} (the app's address in NEXTAUTH_URL).`);
  } else {
    address = "127.0.0.1";
    warnings.push(
      "RADIUS_PUBLIC_ADDRESS is not set: routers are told to ask FreeRADIUS at 127.0.0.1, which only a router on this machine (the simulator) reaches. Set it to the address your routers reach FreeRADIUS at.",
    );
  }

  let portalHost = env.PORTAL_HOST?.trim() || appHost || "localhost";
  if (env.PORTAL_HOST?.trim() && !isIP(portalHost) && !HOST_NAME.test(portalHost)) {
    problems.push(`PORTAL_HOST must be a host name or an IP address, without scheme or port: "${portalHost}".`);
    portalHost = "localhost";
  }
  if (isLoopbackOrWildcard(portalHost)) {
    warnings.push(`The payment portal's host is ${portalHost}: suspended customers cannot reach it there. Set PORTAL_HOST (or NEXTAUTH_URL) to the portal's public host.`);
  }

  return {
    radiusServer: {
      address,
      authPort: port(env.RADIUS_AUTH_PORT, 1812, "RADIUS_AUTH_PORT", problems),
      acctPort: port(env.RADIUS_ACCT_PORT, 1813, "RADIUS_ACCT_PORT", problems),
    },
    portalHost,
    warnings,
    problems,
  };
}
