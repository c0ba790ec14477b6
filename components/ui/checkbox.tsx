/** A labelled checkbox (the label is clickable); `value` makes one of a group ("name-value" id). */
export function Checkbox({ name, value, label, defaultChecked, invalid }: { name: string; value?: string; label: string; defaultChecked?: boolean; invalid?: boolean }) {
  const id = value ? `${name}-${value}` : name;
  return (
    <div className="flex items-center gap-2">
      <input
        type="checkbox"
        id={id}
        name={name}
        value={value}
        defaultChecked={defaultChecked}
        aria-invalid={invalid || undefined}
        className="size-4 rounded border-gray-300 text-indigo-600 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
      />
      <label htmlFor={id} className="text-sm text-gray-900">
        {label}
      </label>
    </div>
  );
}
