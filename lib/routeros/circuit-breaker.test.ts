import { describe, expect, it } from "vitest";
import { CircuitBreaker } from "./circuit-breaker";

function clock() {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("CircuitBreaker", () => {
  it("opens after K consecutive failures, fails fast, then lets one trial through", () => {
    const c = clock();
    const b = new CircuitBreaker({ failures: 3, coolDownMs: 5_000 }, c.now);
    for (let i = 0; i < 3; i++) {
      const p = b.acquire();
      expect(p).toEqual({ allowed: true, trial: false });
      b.failed(false);
    }
    expect(b.state).toBe("open");
    expect(b.acquire()).toEqual({ allowed: false, retryInMs: 5_000 });
    c.advance(4_000);
    expect(b.acquire()).toEqual({ allowed: false, retryInMs: 1_000 });
    c.advance(1_000);
    expect(b.state).toBe("half-open");
    expect(b.acquire()).toEqual({ allowed: true, trial: true });
    expect(b.acquire().allowed).toBe(false); // only one trial at a time
    b.succeeded(true);
    expect(b.state).toBe("closed");
    expect(b.acquire().allowed).toBe(true);
  });

  it("a failed trial opens it again for a full cool-down", () => {
    const c = clock();
    const b = new CircuitBreaker({ failures: 1, coolDownMs: 1_000 }, c.now);
    b.failed(b.acquire().allowed && false);
    c.advance(1_000);
    const trial = b.acquire();
    expect(trial).toEqual({ allowed: true, trial: true });
    b.failed(true);
    expect(b.state).toBe("open");
    expect(b.acquire()).toEqual({ allowed: false, retryInMs: 1_000 });
  });

  it("an answer in between resets the count", () => {
    const b = new CircuitBreaker({ failures: 2, coolDownMs: 1_000 });
    b.failed(false);
    b.succeeded(false);
    b.failed(false);
    expect(b.state).toBe("closed");
    b.failed(false);
    expect(b.state).toBe("open");
  });

  it("a released trial frees the slot without deciding", () => {
    const c = clock();
    const b = new CircuitBreaker({ failures: 1, coolDownMs: 10 }, c.now);
    b.failed(false);
    c.advance(10);
    expect(b.acquire()).toEqual({ allowed: true, trial: true });
    b.released(true);
    expect(b.acquire()).toEqual({ allowed: true, trial: true });
  });
});
