"use client";

import { useCallback, useEffect, useRef, useTransition } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { LIST_PARAMS } from "@/lib/lists/list-query";

export type ListParamUpdates = Record<string, string | number | null | undefined>;

export interface NavigateOptions {
  /** Drop the page param (back to page 1). Defaults to true. */
  resetPage?: boolean;
}

/** Updates list state stored in the URL, as a transition so the current rows stay visible while loading. */
export function useListNavigation() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [isPending, startTransition] = useTransition();
  // While a navigation is in flight `searchParams` is stale; building on the last
  // requested query keeps e.g. a filter change from undoing a just-typed search.
  const requestedRef = useRef<string | null>(null);

  useEffect(() => {
    if (!isPending) requestedRef.current = null;
  }, [isPending, searchParams]);

  const navigate = useCallback(
    (updates: ListParamUpdates, { resetPage = true }: NavigateOptions = {}) => {
      const params = new URLSearchParams(requestedRef.current ?? searchParams.toString());
      for (const [key, value] of Object.entries(updates)) {
        if (value === null || value === undefined || value === "") params.delete(key);
        else params.set(key, String(value));
      }
      if (resetPage) params.delete(LIST_PARAMS.page);

      const query = params.toString();
      requestedRef.current = query;
      startTransition(() => {
        router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
      });
    },
    [pathname, router, searchParams],
  );

  return { navigate, isPending };
}
