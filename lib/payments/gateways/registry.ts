// Every gateway adapter, by kind and by its webhook slug.
import type { GatewayAdapter, GatewayKindName } from "./types";
import { mpesaAdapter } from "./mpesa";
import { paypalAdapter } from "./paypal";
import { bkashAdapter } from "./bkash";
import { stripeAdapter } from "./stripe";
import { paymongoAdapter } from "./paymongo";
import { genericAdapter } from "./generic";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each adapter has its own settings and secrets
type AnyAdapter = GatewayAdapter<any, any>;

const ADAPTERS: Partial<Record<GatewayKindName, AnyAdapter>> = {
  MPESA: mpesaAdapter,
  PAYPAL: paypalAdapter,
  BKASH: bkashAdapter,
  STRIPE: stripeAdapter,
  PAYMONGO: paymongoAdapter,
  GENERIC: genericAdapter,
};

export function adapterFor(kind: GatewayKindName): AnyAdapter {
  const adapter = ADAPTERS[kind];
  if (!adapter) throw new Error(`no adapter for gateway kind ${kind}`);
  return adapter;
}

export function adapterBySlug(slug: string): AnyAdapter | null {
  return Object.values(ADAPTERS).find((a) => a.slug === slug) ?? null;
}

export const availableKinds = (): GatewayKindName[] => Object.keys(ADAPTERS) as GatewayKindName[];
