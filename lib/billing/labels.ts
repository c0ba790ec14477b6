// The words people see for billing states, in one place for every screen and document.
export const BILLING_MODE_LABELS: Record<string, string> = {
  PREPAID_VALIDITY: "Prepaid by validity",
  PREPAID_DAILY: "Prepaid daily",
  MONTHLY_ADVANCE: "Monthly in advance",
};

export const INVOICE_STATUS_LABELS: Record<string, string> = {
  DRAFT: "Draft",
  ISSUED: "Issued",
  PARTIALLY_PAID: "Partly paid",
  PAID: "Paid",
  VOID: "Void",
};

export const PAYMENT_METHOD_LABELS: Record<string, string> = {
  CASH: "Cash",
  BANK_TRANSFER: "Bank transfer",
  MOBILE_MONEY: "Mobile money",
  CARD: "Card",
  GATEWAY: "Online",
  RESELLER_WALLET: "Reseller wallet",
  VOUCHER: "Voucher",
  OTHER: "Other",
};
