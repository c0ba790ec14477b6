// What the gateway settings form asks for, per gateway kind: settings (shown again when editing)
// and secrets (never shown; left empty on edit, the stored value stays). Form fields are named
// "settings.<name>" and "secret.<name>" (secret fields are never echoed back to the browser).
import type { GatewayInput } from "../gateways-admin";
import type { GatewayKindName } from "./types";
import { GENERIC_FORM } from "./generic";
import { PAYMONGO_FORM } from "./paymongo";
import { STRIPE_FORM } from "./stripe";

export interface GatewayField {
  name: string;
  label: string;
  hint?: string;
  options?: { value: string; label: string }[];
  required?: boolean;
}

export interface GatewayForm {
  label: string;
  intro: string;
  settings: GatewayField[];
  secrets: GatewayField[];
}

export const GATEWAY_FORMS: Partial<Record<GatewayKindName, GatewayForm>> = {
  MPESA: {
    label: "M-Pesa (Daraja)",
    intro: "Kenya. Customers get a prompt on their phone (STK push), or pay your paybill with their username as the account number (C2B).",
    settings: [
      { name: "shortcode", label: "Paybill or till number", hint: "5 to 7 digits. Sandbox: 174379.", required: true },
      {
        name: "transactionType",
        label: "Type",
        options: [
          { value: "CustomerPayBillOnline", label: "Paybill" },
          { value: "CustomerBuyGoodsOnline", label: "Till (buy goods)" },
        ],
        required: true,
      },
      { name: "partyB", label: "Till number money goes to", hint: "Tills only, when it differs from the shortcode." },
      { name: "baseUrl", label: "API address", hint: "Empty: Safaricom's sandbox or production, by the mode." },
    ],
    secrets: [
      { name: "consumerKey", label: "Consumer key", required: true },
      { name: "consumerSecret", label: "Consumer secret", required: true },
      { name: "passkey", label: "Lipa na M-Pesa passkey", required: true },
    ],
  },
  PAYPAL: {
    label: "PayPal",
    intro: "Cards and PayPal balances, worldwide. Customers approve on PayPal's page; the money moves when we capture it.",
    settings: [{ name: "baseUrl", label: "API address", hint: "Empty: PayPal's sandbox or live API, by the mode." }],
    secrets: [
      { name: "clientId", label: "Client ID", required: true },
      { name: "clientSecret", label: "Secret", required: true },
      { name: "webhookId", label: "Webhook ID", hint: "From the app's webhook list, for the webhook URL shown after saving.", required: true },
    ],
  },
  BKASH: {
    label: "bKash",
    intro: "Bangladesh. Customers pay in the bKash checkout; the money moves when we execute the payment.",
    settings: [{ name: "baseUrl", label: "API address", hint: "Up to .../tokenized. Empty: the sandbox. Live needs the address bKash gave with the live credentials." }],
    secrets: [
      { name: "username", label: "API username", required: true },
      { name: "password", label: "API password", required: true },
      { name: "appKey", label: "App key", required: true },
      { name: "appSecret", label: "App secret", required: true },
    ],
  },
  STRIPE: STRIPE_FORM,
  PAYMONGO: PAYMONGO_FORM,
  GENERIC: GENERIC_FORM,
};

/** The service's input from the form's flat fields. */
export function gatewayInputFromForm(values: Record<string, string>): GatewayInput {
  const settings: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (key.startsWith("settings.")) settings[key.slice(9)] = value;
    else if (key.startsWith("secret.")) secrets[key.slice(7)] = value;
  }
  return {
    id: values.id || undefined,
    kind: values.kind as GatewayInput["kind"],
    name: values.name ?? "",
    mode: values.mode as GatewayInput["mode"],
    enabled: values.enabled === "on" || values.enabled === "true",
    settings,
    secrets,
  };
}
