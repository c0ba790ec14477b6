// Names shared by the setup services, the job and the progress view.

/** Emitted when an operator starts setup; triggers the job below. */
export const ROUTER_SETUP_REQUESTED = "routers/setup.requested";
export const ROUTER_SETUP_JOB_ID = "routers.setup-apply";

export type RouterSetupRequestedData = {
  routerId: string;
  /** Names the run for the progress view, whichever driver runs it. */
  requestId: string;
  /** The operator who asked, for the audit entry of the finished run. */
  requestedBy: string;
  pppoeInterface?: string;
};
