"use client";

// Refreshes the page's server data every few seconds for a while (a payment being confirmed on a
// phone), then stops; the page decides when it is no longer needed by not rendering it.
import { useRouter } from "next/navigation";
import { useEffect } from "react";

export function LiveRefresh({ everyMs, forMs }: { everyMs: number; forMs: number }) {
  const router = useRouter();
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > forMs) clearInterval(timer);
      else router.refresh();
    }, everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs, forMs]);
  return null;
}
