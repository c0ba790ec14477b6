import type { ComponentProps } from "react";
import { cn } from "@/components/ui/cn";

/** Shared look for text-like form controls (input, textarea, select). */
export const controlClasses = cn(
  "block w-full rounded-md border border-gray-300 bg-white px-3 text-sm text-gray-900 shadow-sm",
  "placeholder:text-gray-400 transition-colors",
  "focus-visible:border-indigo-500 focus-visible:ring-2 focus-visible:ring-indigo-500/30 focus-visible:outline-none",
  "disabled:cursor-not-allowed disabled:bg-gray-50 disabled:text-gray-500",
  "aria-[invalid=true]:border-red-500 aria-[invalid=true]:focus-visible:ring-red-500/30",
);

export type InputProps = ComponentProps<"input">;

export function Input({ className, type = "text", ...props }: InputProps) {
  return <input type={type} className={cn(controlClasses, "h-10", className)} {...props} />;
}
