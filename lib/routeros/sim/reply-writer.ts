// Writes encoded reply sentences to a socket, batching what one command produces into a single
// write, and applying the latency and split-write faults.
import type { Socket } from "node:net";
import type { SimFaults } from "./types";
import { encodeSentence, type Sentence } from "./wire";

export class ReplyWriter {
  private pending: Buffer[] = [];
  private scheduled = false;
  /** Chunks waiting for the split-write pump, in order. */
  private pumpQueue: Buffer[] = [];
  private pumping = false;
  private inFlight = 0;
  private ending = false;

  constructor(
    private socket: Socket,
    private faults: SimFaults,
  ) {}

  send(sentence: Sentence): void {
    if (this.socket.destroyed) return;
    this.pending.push(encodeSentence(sentence));
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => this.flush());
    }
  }

  /** Ends the socket once everything already sent has been written. */
  end(): void {
    this.ending = true;
    this.maybeEnd();
  }

  private flush(): void {
    this.scheduled = false;
    if (!this.pending.length) return this.maybeEnd();
    const data = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    this.pending = [];
    const delay = this.faults.delayMs ?? 0;
    if (delay > 0) {
      this.inFlight++;
      setTimeout(() => {
        this.inFlight--;
        this.out(data);
      }, delay);
    } else {
      this.out(data);
    }
  }

  private out(data: Buffer): void {
    if (this.socket.destroyed) return;
    const split = this.faults.splitWrites;
    if (!split && !this.pumping) {
      this.socket.write(data);
      return this.maybeEnd();
    }
    const sizes = split === true || !split || !split.length ? [1] : split.map((n) => Math.max(1, Math.floor(n)));
    for (let pos = 0, i = 0; pos < data.length; i++) {
      const n = sizes[i % sizes.length]!;
      this.pumpQueue.push(data.subarray(pos, pos + n));
      pos += n;
    }
    if (!this.pumping) this.pump();
  }

  /** One chunk per event-loop turn, so the peer sees them as separate reads. */
  private pump(): void {
    const chunk = this.pumpQueue.shift();
    if (!chunk || this.socket.destroyed) {
      this.pumping = false;
      this.pumpQueue = [];
      return this.maybeEnd();
    }
    this.pumping = true;
    this.socket.write(chunk);
    setImmediate(() => this.pump());
  }

  private maybeEnd(): void {
    if (this.ending && !this.scheduled && !this.pending.length && !this.pumping && this.inFlight === 0 && !this.socket.destroyed) {
      this.socket.end();
    }
  }
}
