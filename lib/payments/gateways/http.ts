// What adapters share for talking to gateways: JSON over HTTPS with a timeout (a gateway that
// hangs never holds a request or a job for long), and a token cache per gateway account.

import { GatewayError } from "./types";

const TIMEOUT_MS = 30_000;

export interface JsonResponse {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a gateway's JSON, read field by field
  json: any;
  text: string;
}

async function call(url: string, init: RequestInit): Promise<JsonResponse> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (e) {
    const why = e instanceof Error && e.name === "TimeoutError" ? "did not answer within 30 seconds" : "could not be reached";
    throw new GatewayError(`The gateway ${why}.`, "network", true);
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, json, text };
}

export function getJson(url: string, headers: Record<string, string> = {}): Promise<JsonResponse> {
  return call(url, { method: "GET", headers: { Accept: "application/json", ...headers } });
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<JsonResponse> {
  return call(url, { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json", ...headers }, body: JSON.stringify(body) });
}

export function postForm(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<JsonResponse> {
  return call(url, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json", ...headers }, body: new URLSearchParams(form).toString() });
}

/** Access tokens per key until shortly before they expire; one fetch at a time per key. */
export function tokenCache() {
  const cache = new Map<string, { value: string; until: number }>();
  const inflight = new Map<string, Promise<string>>();
  return {
    async get(key: string, fetchToken: () => Promise<{ value: string; ttlSeconds: number }>): Promise<string> {
      const hit = cache.get(key);
      if (hit && hit.until > Date.now()) return hit.value;
      const running = inflight.get(key);
      if (running) return running;
      const p = fetchToken()
        .then((t) => {
          cache.set(key, { value: t.value, until: Date.now() + Math.max(0, t.ttlSeconds) * 1000 });
          return t.value;
        })
        .finally(() => inflight.delete(key));
      inflight.set(key, p);
      return p;
    },
    clear: () => cache.clear(),
  };
}
