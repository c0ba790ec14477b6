/** Something about a customer changed that its live sessions must feel (they are disconnected). */
export const CUSTOMER_NETWORK_CHANGED = "customers/network.changed";
