// Shared/exclusive admission to running jobs in one process: ordinary runs share it; a suspect
// run (its worker died with it before) waits for the runs in progress, then runs alone.
export class RunGate {
  private active = 0;
  private exclusiveHeld = false;
  private exclusiveWaiting = 0;
  private waiters: (() => void)[] = [];

  private changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private notify(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Waits while a suspect runs or waits to (it goes first); returns the release. */
  async shared(): Promise<() => void> {
    while (this.exclusiveHeld || this.exclusiveWaiting > 0) await this.changed();
    this.active++;
    return once(() => {
      this.active--;
      this.notify();
    });
  }

  async exclusive(): Promise<() => void> {
    this.exclusiveWaiting++;
    while (this.exclusiveHeld || this.active > 0) await this.changed();
    this.exclusiveWaiting--;
    this.exclusiveHeld = true;
    return once(() => {
      this.exclusiveHeld = false;
      this.notify();
    });
  }
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}
