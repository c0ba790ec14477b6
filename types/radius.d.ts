// The npm `radius` package ships no types; these cover what we use.
declare module "radius" {
  type Attribute = [string, unknown] | [string, number, [string, unknown][]];
  type Attributes = Record<string, unknown> | Attribute[];
  export type RadiusPacket = {
    code: string;
    identifier: number;
    length: number;
    authenticator: Buffer;
    attributes: Record<string, unknown>;
    raw_attributes: [number, Buffer][];
  };
  const radius: {
    add_dictionary(file: string): void;
    encode(args: { code: string; secret: string; identifier?: number; attributes?: Attributes; add_message_authenticator?: boolean }): Buffer;
    decode(args: { packet: Buffer; secret: string }): RadiusPacket;
    verify_response(args: { response: Buffer; request: Buffer; secret: string }): boolean;
    encode_response(args: { packet: RadiusPacket; code: string; secret: string; attributes?: Attributes }): Buffer;
  };
  export default radius;
}
