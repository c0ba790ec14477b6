// A stored gateway as its adapter needs it: settings, secrets unsealed, the callback URL.
import { open } from "@/lib/crypto/secret-box";
import type { PaymentGateway } from "@/lib/db/generated/client";
import { publicBaseUrl } from "@/lib/next/public-url";
import { adapterFor } from "./gateways/registry";
import type { GatewayAccount } from "./gateways/types";

export function webhookUrl(gateway: Pick<PaymentGateway, "id" | "kind">): string {
  return `${publicBaseUrl()}/api/webhooks/${adapterFor(gateway.kind).slug}/${gateway.id}`;
}

export function gatewayAccount(gateway: PaymentGateway): GatewayAccount {
  return {
    id: gateway.id,
    tenantId: gateway.tenantId,
    kind: gateway.kind,
    mode: gateway.mode,
    settings: gateway.settings as Record<string, unknown>,
    secrets: JSON.parse(open(gateway.secretsSealed)) as Record<string, string>,
    pathToken: gateway.pathToken,
    callbackUrl: webhookUrl(gateway),
  };
}
