// A UDP listener playing a router's /radius incoming (port 3799): it checks the request's
// authenticator with the shared secret and answers Disconnect-Requests and CoA-Requests with an
// ACK, a NAK, "no such session", or nothing, each kind by its own mode.
import dgram from "node:dgram";
import radius from "radius";

export type CoaMode = "ack" | "nak" | "gone" | "silent";

export class FakeRouterCoa {
  /** How Disconnect-Requests are answered. */
  mode: CoaMode = "ack";
  /** How CoA-Requests are answered; a NAK says Unsupported-Attribute, as a router without CoA support would. */
  coaMode: CoaMode = "ack";
  /** Attributes of every request, in order. */
  received: Record<string, unknown>[] = [];
  /** Every request with its code. */
  requests: { code: string; attributes: Record<string, unknown> }[] = [];
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
      this.requests.push({ code: packet.code, attributes: packet.attributes });
      const coa = packet.code === "CoA-Request";
      const mode = coa ? this.coaMode : this.mode;
      if (mode === "silent") return;
      const code = `${coa ? "CoA" : "Disconnect"}-${mode === "ack" ? "ACK" : "NAK"}`;
      const refusal = coa ? "Unsupported-Attribute" : "Administratively-Prohibited";
      const attributes: [string, unknown][] = mode === "ack" ? [] : [["Error-Cause", mode === "gone" ? "Session-Context-Not-Found" : refusal]];
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
