"use client";

import { useEffect } from "react";
import { signOut } from "next-auth/react";

/** Ends the session as soon as the page loads, then goes to `callbackUrl`. */
export function SignOut({ callbackUrl }: { callbackUrl: string }) {
  useEffect(() => {
    void signOut({ callbackUrl });
  }, [callbackUrl]);
  return (
    <p className="p-8 text-center text-gray-600" role="status">
      Signing out…
    </p>
  );
}
