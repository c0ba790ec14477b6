/** Something about a customer changed that its live sessions must feel. */
export const CUSTOMER_NETWORK_CHANGED = "customers/network.changed";

/**
 * How a live session is told. "disconnect": it is cut and logs in again under the new state.
 * "coa": only its limits changed (speed, fair-use), so a CoA-Request changes them in place; the
 * job falls back to a disconnect when the router refuses the CoA or the state needs a new login.
 */
export type LiveChangeMode = "coa" | "disconnect";

export type CustomerNetworkChangedData = { customerId: string; reason: string; mode?: LiveChangeMode };
