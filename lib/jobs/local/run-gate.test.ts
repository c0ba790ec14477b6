import { expect, it } from "vitest";
import { RunGate } from "./run-gate";

const tick = () => new Promise((r) => setTimeout(r, 5));

it("a suspect waits for the runs in progress, then runs alone; others wait for it", async () => {
  const gate = new RunGate();
  const events: string[] = [];
  const a = await gate.shared();
  const b = await gate.shared();
  const suspect = gate.exclusive().then((release) => {
    events.push("suspect in");
    return release;
  });
  const late = gate.shared().then((release) => {
    events.push("late in");
    return release;
  });
  await tick();
  expect(events).toEqual([]);
  a();
  await tick();
  expect(events).toEqual([]);
  b();
  const release = await suspect;
  await tick();
  expect(events).toEqual(["suspect in"]);
  release();
  (await late)();
  expect(events).toEqual(["suspect in", "late in"]);
});
