// Per router: after `failures` consecutive unreachable/timeout failures, calls fail fast for
// `coolDownMs`; then one trial call goes through (half-open) and decides.
import type { CircuitBreakerOptions } from "./types";

export type BreakerState = "closed" | "open" | "half-open";

export type BreakerPermit = { allowed: true; trial: boolean } | { allowed: false; retryInMs: number };

export class CircuitBreaker {
  private consecutive = 0;
  private openedAt = 0;
  private opened = false;
  private trialInFlight = false;

  constructor(
    private readonly options: CircuitBreakerOptions,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): BreakerState {
    if (!this.opened) return "closed";
    return this.now() - this.openedAt >= this.options.coolDownMs ? "half-open" : "open";
  }

  get failures(): number {
    return this.consecutive;
  }

  acquire(): BreakerPermit {
    const state = this.state;
    if (state === "closed") return { allowed: true, trial: false };
    if (state === "half-open" && !this.trialInFlight) {
      this.trialInFlight = true;
      return { allowed: true, trial: true };
    }
    return { allowed: false, retryInMs: Math.max(0, this.openedAt + this.options.coolDownMs - this.now()) };
  }

  /** The router answered (even with a trap or a login refusal): it is reachable. */
  succeeded(trial: boolean): void {
    if (trial) this.trialInFlight = false;
    this.consecutive = 0;
    this.opened = false;
  }

  /** Unreachable or timed out. */
  failed(trial: boolean): void {
    if (trial) this.trialInFlight = false;
    this.consecutive += 1;
    if (trial || this.consecutive >= this.options.failures) {
      this.opened = true;
      this.openedAt = this.now();
    }
  }

  /** Neither proof of life nor of death (e.g. the connection was closed under us). */
  released(trial: boolean): void {
    if (trial) this.trialInFlight = false;
  }
}
