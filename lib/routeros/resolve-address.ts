// Where a connection actually goes: the router's host resolved here, every address it resolves
// to put to the pool's address check, and the socket opened to the checked address itself, so a
// second lookup (DNS rebinding) cannot send it elsewhere.
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { RouterOsError, socketErrorReason } from "./errors";

/** Why the API may not be reached at this IP address (in words, for the operator), or null. */
export type AddressCheck = (address: string) => string | null;

export type Lookup = (host: string) => Promise<{ address: string }[]>;

// IPv4 first: one address is used (the checked one), and routers are mostly reached over IPv4.
const systemLookup: Lookup = async (host) => (await lookup(host, { all: true })).sort((a, b) => a.family - b.family);

export async function resolveRouterAddress(
  target: { id: string; host: string; port: number },
  check: AddressCheck | undefined,
  resolve: Lookup = systemLookup,
): Promise<string> {
  const where = `${target.host}:${target.port}`;
  const host = target.host.replace(/^\[(.*)\]$/, "$1");
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await resolve(host)).map((a) => a.address);
    } catch (error) {
      throw new RouterOsError("unreachable", `router ${where} unreachable (${socketErrorReason(error)})`, { routerId: target.id, cause: error });
    }
    if (addresses.length === 0) throw new RouterOsError("unreachable", `router ${where} unreachable (${host} has no address)`, { routerId: target.id });
  }
  if (check) {
    // Every address, not just the one we use: a name that also points inside is refused whole.
    for (const address of addresses) {
      const reason = check(address);
      if (reason) {
        const via = address === host ? "" : `${host} resolves to ${address}, and `;
        throw new RouterOsError("refused", `router ${where} not contacted: ${via}${reason}`, { routerId: target.id, detail: reason });
      }
    }
  }
  return addresses[0]!;
}
