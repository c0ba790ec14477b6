"use client";

// Where the customer page's money and status dialogs report success: one message at a time, in a
// live region fixed at the bottom of the screen, so it is seen wherever the button was (a row of
// the invoices table or the top of the page), and read out by screen readers.
import { createContext, useCallback, useContext, useState, type ReactNode } from "react";
import { X } from "lucide-react";
import { Alert } from "@/components/ui/alert";

type Notify = (message: string) => void;

const NoticeContext = createContext<Notify>(() => {});

export function useBillingNotice(): Notify {
  return useContext(NoticeContext);
}

export function BillingNotices({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<{ text: string; at: number } | null>(null);
  const notify = useCallback<Notify>((text) => setNotice({ text, at: Date.now() }), []);
  return (
    <NoticeContext.Provider value={notify}>
      {children}
      <div aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-4 z-40 flex justify-center px-4">
        {notice && (
          <div key={notice.at} data-testid="billing-notice" className="pointer-events-auto flex w-full max-w-xl items-start gap-2">
            <Alert tone="success" className="flex-1 shadow-lg">
              {notice.text}
            </Alert>
            <button type="button" aria-label="Dismiss" onClick={() => setNotice(null)} className="mt-2 rounded-md bg-white p-1 text-gray-500 shadow hover:text-gray-800">
              <X aria-hidden="true" className="size-4" />
            </button>
          </div>
        )}
      </div>
    </NoticeContext.Provider>
  );
}
