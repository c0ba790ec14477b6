// A UDP listener playing a router's /radius incoming (port 3799): it checks the request's
// authenticator with the shared secret and answers ACK, NAK, "no such session", or nothing.
import dgram from "node:dgram";
import radius from "radius";

export type CoaMode = "ack" | "nak" | "gone" | "silent";

export class FakeRouterCoa {
  mode: CoaMode = "ack";
  received: Record<string, unknown>[] = [];
  private socket = dgram.createSocket("udp4");
  port = 0;

  constructor(
    private readonly address: string,
    private readonly secret: string,
  ) {}

  async start(): Promise<this> {
    this.socket.on("message", (msg, rinfo) => {
      let packet;
      try {
        packet = radius.decode({ packet: msg, secret: this.secret });
      } catch {
        return; // wrong secret: a router drops it
      }
      this.received.push(packet.attributes);
      if (this.mode === "silent") return;
      const code = this.mode === "ack" ? "Disconnect-ACK" : "Disconnect-NAK";
      const attributes: [string, unknown][] = this.mode === "ack" ? [] : [["Error-Cause", this.mode === "gone" ? "Session-Context-Not-Found" : "Administratively-Prohibited"]];
      this.socket.send(radius.encode_response({ packet, code, secret: this.secret, attributes }), rinfo.port, rinfo.address);
    });
    await new Promise<void>((resolve) => this.socket.bind(0, this.address, () => resolve()));
    this.port = this.socket.address().port;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
