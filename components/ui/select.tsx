import type { ComponentProps } from "react";
import { ChevronDown } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { controlClasses } from "@/components/ui/input";

export interface SelectProps extends ComponentProps<"select"> {
  /** Classes for the wrapper that positions the chevron (use it for width/margins). */
  wrapperClassName?: string;
}

/** A styled native <select>: keeps the platform picker, keyboard support and form semantics. */
export function Select({ className, wrapperClassName, children, ...props }: SelectProps) {
  return (
    <div className={cn("relative", wrapperClassName)}>
      <select className={cn(controlClasses, "h-10 appearance-none pr-9", className)} {...props}>
        {children}
      </select>
      <ChevronDown
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-gray-500"
      />
    </div>
  );
}
