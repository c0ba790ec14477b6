import type { ReactNode } from "react";
import { CircleAlert, CircleCheck, Info, type LucideIcon } from "lucide-react";
import { cn } from "@/components/ui/cn";

export type AlertTone = "error" | "success" | "info";

const tones: Record<AlertTone, { box: string; icon: LucideIcon; iconClass: string }> = {
  error: { box: "border-red-200 bg-red-50 text-red-800", icon: CircleAlert, iconClass: "text-red-500" },
  success: { box: "border-green-200 bg-green-50 text-green-800", icon: CircleCheck, iconClass: "text-green-600" },
  info: { box: "border-blue-200 bg-blue-50 text-blue-800", icon: Info, iconClass: "text-blue-500" },
};

export interface AlertProps {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
  id?: string;
}

/**
 * Form-level message box. Renders nothing when it has no content, so it can be
 * given an optional server-action message directly.
 */
export function Alert({ tone = "info", title, children, className, id }: AlertProps) {
  if (isEmpty(title) && isEmpty(children)) return null;
  const { box, icon: Icon, iconClass } = tones[tone];
  const isError = tone === "error";

  return (
    <div
      id={id}
      // Errors carry role="alert" on the inner element only, so the live region
      // contains just the message text (and tests can target it precisely).
      role={isError ? undefined : "status"}
      className={cn("flex gap-3 rounded-md border px-4 py-3 text-sm", box, className)}
    >
      <Icon aria-hidden="true" className={cn("mt-0.5 size-4 shrink-0", iconClass)} />
      <div
        role={isError ? "alert" : undefined}
        data-testid={isError ? "form-error" : undefined}
        className="min-w-0 flex-1 space-y-1"
      >
        {!isEmpty(title) && <p className="font-medium">{title}</p>}
        {!isEmpty(children) && <div>{children}</div>}
      </div>
    </div>
  );
}

function isEmpty(node: ReactNode): boolean {
  return node === null || node === undefined || node === false || node === "";
}
