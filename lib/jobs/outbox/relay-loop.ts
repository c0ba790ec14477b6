// Runs the relay whenever an event commits (LISTEN/NOTIFY from the outbox trigger) and on a timer
// (for retries whose backoff has passed). One pass at a time per process; several processes may
// relay at once, SKIP LOCKED keeps them apart.
import pg from "pg";

export type RelayLoopOptions = {
  connectionString: string;
  relayOnce: () => Promise<number>;
  batchSize?: number;
  pollMs?: number;
  onError?: (error: unknown) => void;
};

export class RelayLoop {
  private listener: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(private readonly options: RelayLoopOptions) {}

  async start(): Promise<void> {
    this.listener = new pg.Client({ connectionString: this.options.connectionString });
    this.listener.on("notification", () => this.wake());
    this.listener.on("error", (e) => this.options.onError?.(e));
    await this.listener.connect();
    await this.listener.query("LISTEN outbox_events");
    this.timer = setInterval(() => this.wake(), this.options.pollMs ?? 2000);
    this.wake();
  }

  /** Resolves when the pass in progress (and one requested meanwhile) is done. */
  wake(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          while (!this.stopped && (await this.options.relayOnce()) >= (this.options.batchSize ?? 100));
        } catch (error) {
          this.options.onError?.(error);
        }
      } while (this.again && !this.stopped);
      this.running = undefined;
    })();
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.listener?.end().catch(() => {});
  }
}
