// Readiness: each component that a call depends on registers a check (ARI connected, models loaded, the
// knowledge base open, the database writable, disk space, the RTP sender alive); /readyz, the
// sahayak_ready metric and the log all read one evaluation of them. A check that throws or takes longer
// than the timeout fails with that as its reason.

export interface CheckResult {
  ok: boolean;
  /** One sentence: what is wrong and what to do, or what is fine. */
  detail: string;
  /** Extra facts for the JSON detail (no personal data). */
  data?: Record<string, unknown>;
}

export type ReadinessCheck = () => CheckResult | Promise<CheckResult>;

export interface ReadinessReport {
  ready: boolean;
  checkedAt: string;
  checks: Record<string, CheckResult & { ms: number }>;
}

export class Readiness {
  private readonly checks = new Map<string, ReadinessCheck>();
  private lastReport: ReadinessReport | undefined;
  private inFlight: Promise<ReadinessReport> | undefined;

  constructor(private readonly timeoutMs: number) {}

  /** Adds a named check; returns a function that removes it. */
  register(name: string, check: ReadinessCheck): () => void {
    if (this.checks.has(name)) throw new Error(`readiness check "${name}" is registered twice`);
    this.checks.set(name, check);
    return () => this.checks.delete(name);
  }

  get names(): string[] {
    return [...this.checks.keys()];
  }

  /** The last evaluation, if any. */
  get last(): ReadinessReport | undefined {
    return this.lastReport;
  }

  /** Runs every check (concurrent callers share one run). */
  evaluate(): Promise<ReadinessReport> {
    this.inFlight ??= this.run().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async run(): Promise<ReadinessReport> {
    const entries = await Promise.all([...this.checks].map(async ([name, check]) => [name, await this.timed(check)] as const));
    const checks = Object.fromEntries(entries);
    const report: ReadinessReport = { ready: entries.length > 0 && entries.every(([, r]) => r.ok), checkedAt: new Date().toISOString(), checks };
    this.lastReport = report;
    return report;
  }

  private async timed(check: ReadinessCheck): Promise<CheckResult & { ms: number }> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<CheckResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, detail: `no answer within ${this.timeoutMs} ms` }), this.timeoutMs);
    });
    try {
      const result = await Promise.race([Promise.resolve().then(check), timeout]);
      return { ...result, ms: Math.round((performance.now() - started) * 10) / 10 };
    } catch (err) {
      return { ok: false, detail: `the check failed: ${(err as Error).message}`, ms: Math.round((performance.now() - started) * 10) / 10 };
    } finally {
      clearTimeout(timer);
    }
  }
}
