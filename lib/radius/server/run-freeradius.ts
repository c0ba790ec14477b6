// Starts FreeRADIUS (Debian's radiusd) on a generated config and waits until it serves.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { generateFreeradiusConfig, type FreeradiusConfigOptions } from "./generate-config";

export const RADIUSD = ["/usr/sbin/freeradius", "/usr/sbin/radiusd"].find((p) => existsSync(p)) ?? "radiusd";

export function freeradiusInstalled(): boolean {
  return existsSync(RADIUSD);
}

export type RunningFreeradius = { process: ChildProcess; output: () => string; stop: () => Promise<void> };

export async function startFreeradius(options: FreeradiusConfigOptions & { debug?: boolean; readyTimeoutMs?: number }): Promise<RunningFreeradius> {
  const dir = generateFreeradiusConfig(options);
  const args = ["-d", dir, "-n", "radiusd", "-f", "-l", "stdout", ...(options.debug ? ["-X"] : [])];
  const child = spawn(RADIUSD, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const append = (d: Buffer) => {
    output += d.toString();
    if (output.length > 1_000_000) output = output.slice(-500_000);
  };
  child.stdout.on("data", append);
  child.stderr.on("data", append);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`FreeRADIUS did not start within ${options.readyTimeoutMs ?? 15_000} ms:\n${output}`)), options.readyTimeoutMs ?? 15_000);
    const check = () => {
      if (/Ready to process requests/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", check);
    child.stderr.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`FreeRADIUS exited with ${code}:\n${output}`));
    });
  });
  return {
    process: child,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
