// Named points where tests can kill the process (SAHAYAK_FAULT=<name>) to prove that a crash midway
// leaves stored data consistent. Costs one environment lookup when unused.
export function faultPoint(name: string): void {
  if (process.env.SAHAYAK_FAULT === name) process.kill(process.pid, "SIGKILL");
}

/** Whether a named fault is switched on (SAHAYAK_FAULT=<name>), for faults that fail a check instead of killing the process. */
export function faultActive(name: string): boolean {
  return process.env.SAHAYAK_FAULT === name;
}
