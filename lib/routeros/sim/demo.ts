// Simulated routers for the demo ISP: live sessions and growing traffic without hardware.
import { startRouterSim, type RouterSim } from "./index";

export interface DemoSession {
  name: string;
  address: string;
  callerId?: string;
  service?: "pppoe" | "hotspot";
}

export interface DemoSimSpec {
  identity: string;
  port: number;
  username: string;
  password: string;
  sessions?: DemoSession[];
}

/** Starts one simulator per spec with traffic on and the given sessions connected. */
export async function startDemoSims(specs: DemoSimSpec[], options: { host?: string } = {}): Promise<RouterSim[]> {
  const sims: RouterSim[] = [];
  try {
    for (const spec of specs) {
      const sim = await startRouterSim({
        host: options.host,
        port: spec.port,
        identity: spec.identity,
        users: [{ name: spec.username, password: spec.password }],
        traffic: true,
      });
      sims.push(sim);
      // What a router serving PPPoE on ether2 and a hotspot on the bridge would have.
      sim.menu("/interface/pppoe-server/server").add({ "service-name": "internet", interface: "ether2", disabled: "false" });
      sim.menu("/ip/pool").add({ name: "hs-pool", ranges: "10.5.50.2-10.5.50.254" });
      sim.menu("/ip/hotspot").add({ name: "hotspot1", interface: "bridge", "address-pool": "hs-pool" });
      for (const s of spec.sessions ?? []) {
        if (s.service === "hotspot") sim.sessions.hotspotLogin({ user: s.name, address: s.address, macAddress: s.callerId });
        else sim.sessions.pppConnect({ name: s.name, address: s.address, callerId: s.callerId, service: "pppoe" });
      }
    }
  } catch (e) {
    await Promise.all(sims.map((s) => s.close()));
    throw e;
  }
  return sims;
}
