// A real FreeRADIUS for a test file: generated config, free loopback ports, our test database.
import { afterAll, beforeAll } from "vitest";
import { startTestFreeradius, type TestFreeradius } from "./test-freeradius";

export { freeUdpPort, startTestFreeradius, type TestFreeradius } from "./test-freeradius";

/** One FreeRADIUS for the test file: started before its tests, stopped after. */
export function sharedTestFreeradius(): () => TestFreeradius {
  let server: TestFreeradius | undefined;
  beforeAll(async () => {
    server = await startTestFreeradius();
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error("FreeRADIUS has not started");
    return server;
  };
}
