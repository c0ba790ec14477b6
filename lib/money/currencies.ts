// The currency table: ISO 4217 code -> exponent (minor-unit digits). Amounts are integers in
// minor units, so every parse and format needs the exponent; it comes from here and nowhere else.
//
// ISO 4217's minor units win over CLDR's display digits (what Intl shows by default): CLDR shows
// IQD, PKR, IDR, HUF, COP... with 0 decimals, ISO 4217 says 3 for IQD and 2 for the others. The
// table lists every currency Intl knows (Node/ICU), with its ISO exponent; fund codes (CLF, UYW,
// BOV...) and precious metals are left out: nobody bills internet service in them. XDR and XSU
// (no ISO minor unit) get 2, as CLDR gives them.

const EXPONENT_0 = ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"];
const EXPONENT_3 = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
const EXPONENT_2 = [
  "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BMD", "BND", "BOB", "BRL",
  "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CNY", "COP", "CRC", "CUC", "CUP", "CVE", "CZK", "DKK", "DOP", "DZD",
  "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GTQ", "GYD", "HKD", "HNL", "HRK", "HTG", "HUF",
  "IDR", "ILS", "INR", "IRR", "JMD", "KES", "KGS", "KHR", "KPW", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "MAD", "MDL",
  "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD",
  "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "QAR", "RON", "RSD", "RUB", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE",
  "SLL", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "USD",
  "UYU", "UZS", "VES", "WST", "XCD", "XCG", "XDR", "XSU", "YER", "ZAR", "ZMW", "ZWG", "ZWL",
];

/** Code -> exponent: 0 (JPY: 1500 is 1500 minor units), 2 (KES: 1500 is 150000), 3 (KWD: 1500000). */
export const CURRENCY_EXPONENTS: ReadonlyMap<string, number> = new Map([
  ...EXPONENT_0.map((c) => [c, 0] as const),
  ...EXPONENT_2.map((c) => [c, 2] as const),
  ...EXPONENT_3.map((c) => [c, 3] as const),
]);

/** Every currency a tenant may bill in, sorted (for the sign-up select). */
export const CURRENCY_CODES: readonly string[] = [...CURRENCY_EXPONENTS.keys()].sort();

export function isCurrency(code: string): boolean {
  return CURRENCY_EXPONENTS.has(code);
}

/** The currency's minor-unit digits; an unknown code is a programming error, never a guess of 2. */
export function currencyExponent(code: string): number {
  const exponent = CURRENCY_EXPONENTS.get(code);
  if (exponent === undefined) throw new Error(`Unknown currency ${JSON.stringify(code)}: not in lib/money/currencies.ts`);
  return exponent;
}
