import { EventEmitter } from "node:events";
import { Receiver } from "routeros-client";
import { describe, expect, it, vi } from "vitest";
import { encodeSentence } from "./sentence-reader";
import { FATAL_EVENT, ensureWirePatched, isWirePatched } from "./wire-patch";

ensureWirePatched();

class FakeSocket extends EventEmitter {
  destroyedWith: Error | undefined;
  destroy(error?: Error) {
    this.destroyedWith = error;
  }
}

function receiver() {
  const socket = new FakeSocket();
  const r = new Receiver(socket as never);
  const packets: string[][] = [];
  r.read("t1", (p: string[]) => packets.push(p));
  const feed = (...sentences: string[][]) => r.processRawData(Buffer.concat(sentences.map(encodeSentence)));
  return { socket, r, packets, feed };
}

describe("wire patch", () => {
  it("is applied once and reports itself", () => {
    const method = (Receiver.prototype as unknown as { processRawData: unknown }).processRawData;
    ensureWirePatched();
    expect((Receiver.prototype as unknown as { processRawData: unknown }).processRawData).toBe(method);
    expect(isWirePatched()).toBe(true);
  });

  it("drops RouterOS 7.18's !empty and delivers the !done after it", () => {
    const { packets, feed } = receiver();
    feed(["!empty", ".tag=t1"], ["!done", ".tag=t1"]);
    expect(packets).toEqual([["!done"]]);
  });

  it("hands the Channel [reply, ...attributes] without the tag, wherever the tag is", () => {
    const { packets, feed } = receiver();
    feed(["!re", ".tag=t1", "=name=0712345678"], ["!re", "=name=b", ".tag=t1"], ["!done", "=ret=*1A", ".tag=t1"]);
    expect(packets).toEqual([["!re", "=name=0712345678"], ["!re", "=name=b"], ["!done", "=ret=*1A"]]);
  });

  it("ignores replies for tags nobody reads (late replies) and untagged ones", () => {
    const { packets, feed, socket } = receiver();
    expect(() => feed(["!done", ".tag=gone"], ["!re", "=x=1"], ["!done", ".tag=t1"])).not.toThrow();
    expect(packets).toEqual([["!done"]]);
    expect(socket.destroyedWith).toBeUndefined();
  });

  it("announces !fatal with its message, then lets the library close", () => {
    const { feed, socket } = receiver();
    const fatal = vi.fn();
    const libraryFatal = vi.fn();
    socket.on(FATAL_EVENT, fatal);
    socket.on("fatal", libraryFatal);
    feed(["!fatal", "session terminated on request"]);
    expect(fatal).toHaveBeenCalledWith("session terminated on request");
    expect(libraryFatal).toHaveBeenCalledOnce();
  });

  it("turns an exception in a reader into a socket error, not an uncaught exception", () => {
    const { r, feed, socket } = receiver();
    r.read("t2", () => {
      throw new Error("reader bug");
    });
    expect(() => feed(["!done", ".tag=t2"])).not.toThrow();
    expect(socket.destroyedWith?.message).toBe("reader bug");
  });

  it("turns a garbled stream into a socket error", () => {
    const { r, socket } = receiver();
    expect(() => r.processRawData(Buffer.from([0xf9, 1, 2]))).not.toThrow();
    expect(socket.destroyedWith?.name).toBe("RouterOsProtocolError");
  });
});
