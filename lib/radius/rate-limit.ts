import { formatRate } from "@/lib/packages/speed";

type Rates = {
  rateDownBps: bigint;
  rateUpBps: bigint;
  burstDownBps?: bigint | null;
  burstUpBps?: bigint | null;
  burstThresholdDownBps?: bigint | null;
  burstThresholdUpBps?: bigint | null;
  burstTimeSeconds?: number | null;
};

/**
 * Mikrotik-Rate-Limit: "rx/tx [burst-rx/burst-tx threshold-rx/threshold-tx time-rx/time-tx]",
 * seen from the router, so rx is the customer's upload and tx its download.
 */
export function mikrotikRateLimit(p: Rates): string {
  const base = `${formatRate(p.rateUpBps)}/${formatRate(p.rateDownBps)}`;
  if (!p.burstDownBps || !p.burstUpBps || !p.burstThresholdDownBps || !p.burstThresholdUpBps || !p.burstTimeSeconds) return base;
  const t = p.burstTimeSeconds;
  return `${base} ${formatRate(p.burstUpBps)}/${formatRate(p.burstDownBps)} ${formatRate(p.burstThresholdUpBps)}/${formatRate(p.burstThresholdDownBps)} ${t}/${t}`;
}
