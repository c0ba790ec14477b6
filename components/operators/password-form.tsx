"use client";

import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export function PasswordForm({ action }: { action: FormAction }) {
  return (
    <ActionForm action={action} submitLabel="Change password">
      {(state) => {
        const e = state.fieldErrors ?? {};
        return (
          <>
            <Field label="Current password" name="currentPassword" error={e.currentPassword} required>
              <Input type="password" autoComplete="current-password" />
            </Field>
            <Field label="New password" name="newPassword" error={e.newPassword} hint="At least 8 characters. You will be signed out everywhere." required>
              <Input type="password" autoComplete="new-password" />
            </Field>
            <Field label="Confirm new password" name="confirmPassword" error={e.confirmPassword} required>
              <Input type="password" autoComplete="new-password" />
            </Field>
          </>
        );
      }}
    </ActionForm>
  );
}
