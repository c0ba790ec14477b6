import { cloneElement, isValidElement, type ReactElement, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { Label } from "@/components/ui/label";

/** A field's validation message(s), e.g. a zod `fieldErrors[name]` entry. */
export type FieldErrorValue = string | readonly string[] | null | undefined;

/** Props that wire a form control to its Field's label, hint and error. */
export interface FieldControlProps {
  id: string;
  name: string;
  required?: boolean;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

export interface FieldPropsOptions {
  /** Element id of the control; defaults to `name`. */
  id?: string;
  /** Whether a hint is rendered (adds `${id}-hint` to aria-describedby). */
  hint?: boolean;
  required?: boolean;
}

export function firstError(error: FieldErrorValue): string | undefined {
  const message = typeof error === "string" ? error : error?.[0];
  return message ? message : undefined;
}

/** Control props for a field, for wiring a control rendered outside of <Field>. */
export function fieldProps(
  name: string,
  error?: FieldErrorValue,
  { id = name, hint = false, required }: FieldPropsOptions = {},
): FieldControlProps {
  const hasError = firstError(error) !== undefined;
  const describedBy = [hasError && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(" ");
  return {
    id,
    name,
    ...(required ? { required: true } : {}),
    ...(hasError ? { "aria-invalid": true as const } : {}),
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
  };
}

type ControlElement = ReactElement<Partial<FieldControlProps>>;

export interface FieldProps {
  label: ReactNode;
  name: string;
  /** Element id of the control; defaults to `name`. */
  id?: string;
  error?: FieldErrorValue;
  hint?: ReactNode;
  required?: boolean;
  className?: string;
  /**
   * The control. A single element receives id/name/aria props automatically;
   * a function receives them to spread where needed.
   */
  children: ControlElement | ((props: FieldControlProps) => ReactNode);
}

export function Field({ label, name, id = name, error, hint, required, className, children }: FieldProps) {
  const message = firstError(error);
  const hasHint = hint !== undefined && hint !== null && hint !== false && hint !== "";
  const controlProps = fieldProps(name, error, { id, hint: hasHint, required });

  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <Label htmlFor={id}>
        {label}
        {required && (
          <span aria-hidden="true" className="ml-0.5 text-red-600">
            *
          </span>
        )}
      </Label>
      {renderControl(children, controlProps)}
      {hasHint && (
        <p id={`${id}-hint`} className="text-sm text-gray-500">
          {hint}
        </p>
      )}
      {message && (
        <p id={`${id}-error`} data-field-error={name} className="text-sm text-red-600">
          {message}
        </p>
      )}
    </div>
  );
}

function renderControl(children: FieldProps["children"], props: FieldControlProps): ReactNode {
  if (typeof children === "function") return children(props);
  if (!isValidElement(children)) return children;
  const own = children.props;
  const describedBy = [props["aria-describedby"], own["aria-describedby"]].filter(Boolean).join(" ");
  return cloneElement(children, {
    ...props,
    name: own.name ?? props.name,
    required: own.required ?? props.required,
    "aria-invalid": props["aria-invalid"] ?? own["aria-invalid"],
    "aria-describedby": describedBy || undefined,
  });
}
