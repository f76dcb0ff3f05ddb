// Named points where tests can kill the process (SAHAYAK_FAULT=<name>) to prove that a crash midway
// leaves stored data consistent. Costs one environment lookup when unused.
export function faultPoint(name: string): void {
  if (process.env.SAHAYAK_FAULT === name) process.kill(process.pid, "SIGKILL");
}
