// Run by crash-safety.test.ts in a child process (tsx), so that an error escaping the adapter
// kills this process, not vitest: many rounds of hostile listeners (a TLS client against a plain
// port, a close right after accept, a socket that never answers, a reset), each call through
// the pool. Prints one JSON line with what every call ended with, how many sockets each
// listener accepted and what the process still holds afterwards. No 'uncaughtException'
// handler on purpose: an escaped error must end the process with a non-zero code.
import net from "node:net";
import { createRouterPool, isRouterOsError } from "../index";
import { startRouterSim } from "../sim";

const ROUNDS = Number(process.env.FAULT_ROUNDS ?? 200);
const LANES = 20; // routers called concurrently; each lane's calls are sequential
const TIMEOUT_MS = 250;

type Fault = "immediate-close" | "half-open" | "reset" | "reset-after-hello";

function listener(fault: Fault): Promise<{ port: number; accepted: () => number; close: () => Promise<void> }> {
  let accepted = 0;
  const held = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    accepted += 1;
    held.add(socket);
    socket.on("error", () => {}); // the listener's side is not under test
    socket.on("close", () => held.delete(socket));
    if (fault === "immediate-close") socket.end();
    else if (fault === "reset") socket.resetAndDestroy();
    else if (fault === "reset-after-hello") socket.once("data", () => socket.resetAndDestroy());
    // half-open: accept and never answer
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      resolve({
        port: (server.address() as net.AddressInfo).port,
        accepted: () => accepted,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of held) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

async function main() {
  const pool = createRouterPool({ callTimeoutMs: TIMEOUT_MS, breaker: { failures: 1_000_000, coolDownMs: 1 } });
  const sim = await startRouterSim({});
  const results: Record<string, { outcomes: Record<string, number>; accepted: number }> = {};

  async function rounds(name: string, port: number, tls: boolean, accepted: () => number) {
    const outcomes: Record<string, number> = {};
    const before = accepted();
    await Promise.all(
      Array.from({ length: LANES }, async (_, lane) => {
        const api = pool.api({ id: `${name}-${lane}`, host: "127.0.0.1", port, username: "admin", password: "", tls: tls ? { insecure: true } : false });
        for (let i = lane; i < ROUNDS; i += LANES) {
          const outcome = await api.identity.get().then(
            () => "answered",
            (error: unknown) => (isRouterOsError(error) ? error.kind : `not a RouterOsError: ${String(error)}`),
          );
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        }
      }),
    );
    results[name] = { outcomes, accepted: accepted() - before };
  }

  // TLS against the plain API port: the incident that took the whole platform down.
  let simAccepted = 0;
  const simStats = () => sim.stats().connections;
  simAccepted = simStats();
  await rounds("tls-to-plain-api", sim.port, true, () => simStats() - simAccepted);

  for (const fault of ["immediate-close", "half-open", "reset", "reset-after-hello"] as const) {
    const server = await listener(fault);
    for (const tls of [true, false]) await rounds(`${fault}${tls ? "-tls" : ""}`, server.port, tls, server.accepted);
    await server.close();
  }

  await pool.closeAll();
  await sim.close();
  await new Promise((resolve) => setTimeout(resolve, 300));
  // What would keep the process alive: leaked timers or sockets show here.
  const holding = process.getActiveResourcesInfo().filter((r) => r !== "TTYWrap" && r !== "PipeWrap");
  process.stdout.write(`${JSON.stringify({ rounds: ROUNDS, results, holding })}\n`);
}

void main();
