"use client";

import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ProvisioningSettings } from "@/lib/routers/provisioning/desired-state";

/** Where a router's API-mode items go: the address-list that grants internet, ARP, DHCP, hotspot server. */
export function ProvisioningSettingsForm({ action, routerId, settings }: { action: FormAction; routerId: string; settings: ProvisioningSettings }) {
  return (
    <ActionForm action={action} submitLabel="Save provisioning settings">
      {(state) => {
        const v: Record<string, string> = {
          allowedAddressList: settings.allowedAddressList,
          arpInterface: settings.arpInterface ?? "",
          dhcpServer: settings.dhcpServer ?? "",
          hotspotServer: settings.hotspotServer,
          ...state.values,
        };
        const e = state.fieldErrors ?? {};
        return (
          <>
            <input type="hidden" name="routerId" value={routerId} />
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Allowed address-list" name="allowedAddressList" error={e.allowedAddressList} hint="Static customers' addresses go here; suspension disables the entry. The router's firewall must drop what is not in it." required>
                <Input defaultValue={v.allowedAddressList} autoComplete="off" spellCheck={false} className="font-mono" />
              </Field>
              <Field label="ARP interface" name="arpInterface" error={e.arpInterface} hint="e.g. bridge. Empty: no ARP entries.">
                <Input defaultValue={v.arpInterface} autoComplete="off" spellCheck={false} className="font-mono" />
              </Field>
              <Field label="DHCP server" name="dhcpServer" error={e.dhcpServer} hint="Static leases for known MACs; all = any server. Empty: no leases.">
                <Input defaultValue={v.dhcpServer} autoComplete="off" spellCheck={false} className="font-mono" />
              </Field>
              <Field label="Hotspot server" name="hotspotServer" error={e.hotspotServer} hint="Hotspot users' server; all = any.">
                <Input defaultValue={v.hotspotServer} autoComplete="off" spellCheck={false} className="font-mono" />
              </Field>
            </div>
          </>
        );
      }}
    </ActionForm>
  );
}
