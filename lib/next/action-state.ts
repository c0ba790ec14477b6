/** What a form's server action returns to useActionState. */
export type ActionState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  /** The submitted values (never passwords), so a failed form keeps what the user typed. */
  values?: Record<string, string>;
  /** When the action answered; forms use it to re-mount fields with the echoed values. */
  at?: number;
};

export const initialActionState: ActionState = { ok: false };
