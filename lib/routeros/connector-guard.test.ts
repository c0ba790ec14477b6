import net from "node:net";
import { Connector } from "routeros-client";
import { describe, expect, it } from "vitest";
import { ensureConnectorGuarded, isConnectorGuarded } from "./connector-guard";

ensureConnectorGuarded();

describe("connector guard", () => {
  it("is applied once and reports itself", () => {
    const destroy = Connector.prototype.destroy;
    ensureConnectorGuarded();
    expect(Connector.prototype.destroy).toBe(destroy);
    expect(isConnectorGuarded()).toBe(true);
  });

  it("a socket error after the Connector destroyed itself finds a listener (it used to throw out of the socket)", async () => {
    const server = net.createServer((s) => s.end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const connector = new Connector({ host: "127.0.0.1", port: (server.address() as net.AddressInfo).port, timeout: 5 });
    connector.connect();
    const socket = (connector as unknown as { socket: net.Socket }).socket;
    await new Promise((resolve) => connector.once("close", resolve)); // its own destroy() follows
    expect(() => socket.emit("error", new Error("late"))).not.toThrow();
    expect(() => connector.emit("error", new Error("late"))).not.toThrow();
    server.close();
  });

  it("destroying a Connector that never connected does not throw", () => {
    const connector = new Connector({ host: "127.0.0.1", port: 1, timeout: 5 });
    expect(() => connector.destroy()).not.toThrow();
    expect(() => connector.emit("error", new Error("late"))).not.toThrow();
  });
});
