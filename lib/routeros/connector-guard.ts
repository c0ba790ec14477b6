// The second patch we apply to node-routeros 1.6.9 (beside wire-patch.ts): no error event of its
// Connector or of the Connector's socket may ever go unheard.
//
// Why: Connector.destroy() (which the Connector calls itself on its socket's 'end', 'error' or
// 'timeout') removes every listener of the Connector, while the socket keeps forwarding its
// 'error' events to Connector.onError, which re-emits them on the Connector. A TLS client whose
// peer closes before the handshake reports 'end' and then "socket disconnected before secure TLS
// connection was established": that second error was emitted on a Connector with no listener,
// Node threw it out of the socket's callback, and the uncaught exception ended the process (in
// production: `npm start` with the database, the job worker and RADIUS in it).
//
// So, for the whole life of every Connector: a no-op 'error' listener on it that survives its
// destroy(), and one on each socket it opens (plain or TLS). The errors themselves still reach
// the session (lib/routeros/session.ts listens on the socket), which turns them into a rejected
// call; this only removes the floor an error could fall through.
import { EventEmitter } from "node:events";
import { Connector } from "routeros-client";

const GUARDED = Symbol.for("isp.routeros.connector-guard");
const noop = () => {};

interface ConnectorInternals extends EventEmitter {
  socket?: EventEmitter & { destroy(): void };
}

interface ConnectorPrototype {
  connect: (this: ConnectorInternals) => unknown;
  destroy: (this: ConnectorInternals) => void;
  [GUARDED]?: true;
}

const guardedSockets = new WeakSet<object>();

export function isConnectorGuarded(): boolean {
  return (Connector.prototype as unknown as ConnectorPrototype)[GUARDED] === true;
}

export function ensureConnectorGuarded(): void {
  const proto = Connector.prototype as unknown as ConnectorPrototype;
  if (proto[GUARDED]) return;
  if (typeof proto.connect !== "function" || typeof proto.destroy !== "function" || !(Connector.prototype instanceof EventEmitter)) {
    throw new Error("routeros adapter: node-routeros Connector has changed shape; review lib/routeros/connector-guard.ts before upgrading");
  }
  const connect = proto.connect;
  const destroy = proto.destroy;
  proto.connect = function guardedConnect(this: ConnectorInternals) {
    listenForErrors(this);
    const result = connect.call(this);
    // The socket exists from here on (connect() creates it synchronously); errors come later.
    if (this.socket && !guardedSockets.has(this.socket)) {
      guardedSockets.add(this.socket);
      this.socket.on("error", noop);
    }
    return result;
  };
  proto.destroy = function guardedDestroy(this: ConnectorInternals) {
    // The library's destroy() throws on a Connector that never opened a socket.
    if (this.socket) destroy.call(this);
    else this.removeAllListeners();
    listenForErrors(this); // destroy() just removed it; the socket may still report an error
  };
  Object.defineProperty(proto, GUARDED, { value: true });
}

function listenForErrors(connector: EventEmitter): void {
  if (!connector.listeners("error").includes(noop)) connector.on("error", noop);
}
