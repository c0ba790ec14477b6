import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { RouterSetupDiffView, SetupAction, SetupChangeView } from "@/lib/routers/setup/setup.types";

const ACTIONS: Record<SetupAction, { label: string; tone: BadgeTone }> = {
  add: { label: "Add", tone: "green" },
  set: { label: "Change", tone: "yellow" },
  none: { label: "No change", tone: "neutral" },
};

function Fields({ change }: { change: SetupChangeView }) {
  const entries = Object.entries(change.fields);
  if (entries.length === 0) return <span className="text-gray-500">Already as needed</span>;
  return (
    <ul className="space-y-0.5 font-mono text-xs">
      {entries.map(([name, value]) => (
        <li key={name} className="break-all">
          <span className="text-gray-500">{name}=</span>
          {change.current && name in change.current && (
            <>
              <del className="text-red-700">{change.current[name]}</del>
              <span aria-hidden="true" className="px-1 text-gray-400">
                →
              </span>
              <span className="sr-only"> becomes </span>
            </>
          )}
          <span className="text-gray-900">{value}</span>
        </li>
      ))}
    </ul>
  );
}

/** The dry-run: per step, what setup adds, changes or leaves as it is. */
export function SetupDiffTable({ diff }: { diff: RouterSetupDiffView }) {
  return (
    <div className="space-y-5" data-testid="router-setup-diff">
      {diff.steps.map((step) => (
        <section key={step.id} aria-label={step.title} className="space-y-2">
          <h3 className="text-sm font-semibold text-gray-900">{step.title}</h3>
          {step.notes.map((note) => (
            <p key={note} className="text-sm text-gray-600">
              {note}
            </p>
          ))}
          {step.changes.length > 0 && (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead className="text-xs text-gray-500 uppercase">
                  <tr>
                    <th className="w-28 py-1.5 pr-3">Action</th>
                    <th className="py-1.5 pr-3">Item</th>
                    <th className="py-1.5">Fields</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-gray-100">
                  {step.changes.map((change, i) => (
                    <tr key={`${change.menu}:${change.item}:${i}`} data-action={change.action} className="align-top">
                      <td className="py-2 pr-3">
                        <Badge tone={ACTIONS[change.action].tone}>{ACTIONS[change.action].label}</Badge>
                      </td>
                      <td className="py-2 pr-3">
                        <p className="text-gray-900">{change.item}</p>
                        <p className="font-mono text-xs text-gray-500">{change.menu}</p>
                        <p className="text-xs text-gray-500">{change.match}</p>
                      </td>
                      <td className="py-2">
                        <Fields change={change} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </div>
  );
}
