"use client";

import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

type Props = {
  action: FormAction;
  settings: { suspendMode: string; captiveRate: string; captiveAddressList: string; interimIntervalSeconds: number };
};

export function RadiusSettingsForm({ action, settings }: Props) {
  return (
    <ActionForm action={action} submitLabel="Save RADIUS settings">
      {(state) => {
        const v = { ...settings, interimIntervalSeconds: String(settings.interimIntervalSeconds), ...state.values };
        const e = state.fieldErrors ?? {};
        return (
          <>
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium text-gray-700">Suspended and expired customers</legend>
              {[
                { value: "CAPTIVE", label: "Let them in, slowed down, to reach the payment portal only (captive)" },
                { value: "REJECT", label: "Refuse their login (reject)" },
              ].map((o) => (
                <label key={o.value} className="flex items-center gap-2 text-sm text-gray-700">
                  <input type="radio" name="suspendMode" value={o.value} defaultChecked={v.suspendMode === o.value} className="size-4" />
                  {o.label}
                </label>
              ))}
            </fieldset>
            <div className="grid gap-4 sm:grid-cols-3">
              <Field label="Captive speed" name="captiveRate" error={e.captiveRate} hint="Upload/download, RouterOS style.">
                <Input defaultValue={v.captiveRate} />
              </Field>
              <Field label="Captive address-list" name="captiveAddressList" error={e.captiveAddressList} hint="Its firewall rules allow only the portal.">
                <Input defaultValue={v.captiveAddressList} />
              </Field>
              <Field label="Accounting interval (s)" name="interimIntervalSeconds" error={e.interimIntervalSeconds}>
                <Input inputMode="numeric" defaultValue={v.interimIntervalSeconds} />
              </Field>
            </div>
          </>
        );
      }}
    </ActionForm>
  );
}
