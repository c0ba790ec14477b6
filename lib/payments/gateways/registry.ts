// Every gateway adapter, by kind and by its webhook slug.
import type { GatewayAdapter, GatewayKindName } from "./types";
import { mpesaAdapter } from "./mpesa";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each adapter has its own settings and secrets
type AnyAdapter = GatewayAdapter<any, any>;

const ADAPTERS: Partial<Record<GatewayKindName, AnyAdapter>> = {
  MPESA: mpesaAdapter,
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
