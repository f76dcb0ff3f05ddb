// A private PostgreSQL for the store's tests: Debian's server binaries, a fresh cluster in a temporary
// directory listening on a free loopback port, run as the postgres user when the tests run as root (the
// server refuses root), stopped and removed after. It can be stopped and started again mid-test (an outage).
import { execFileSync, type ExecFileSyncOptions } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { inCI } from "../helpers.js";

const PG_ROOT = "/usr/lib/postgresql";

/** The newest installed server's bin directory, or undefined. */
function serverBin(): string | undefined {
  if (!existsSync(PG_ROOT)) return undefined;
  const versions = readdirSync(PG_ROOT)
    .filter((v) => existsSync(join(PG_ROOT, v, "bin", "pg_ctl")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(PG_ROOT, versions[0], "bin");
}

/** Why the tests cannot have a server here (undefined when they can); in CI its absence is a failure. */
export function pgUnavailable(): string | undefined {
  const bin = serverBin();
  if (bin) return undefined;
  const why = `no PostgreSQL server under ${PG_ROOT} (Debian's postgresql package; make setup installs it)`;
  if (inCI) throw new Error(why);
  return why;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

export class PgServer {
  private databases = 0;
  running = false;

  private constructor(
    private readonly bin: string,
    private readonly root: string,
    private readonly dataDir: string,
    readonly port: number,
    private readonly asPostgres: boolean,
  ) {}

  static async start(): Promise<PgServer> {
    const bin = serverBin();
    if (!bin) throw new Error(pgUnavailable() ?? "no PostgreSQL server");
    const root = mkdtempSync(join(tmpdir(), "sahayak-pg-"));
    const asPostgres = userInfo().uid === 0;
    const dataDir = join(root, "data");
    mkdirSync(dataDir, { mode: 0o700 });
    if (asPostgres) {
      // the server runs as postgres: it must reach its directory and own its data
      chmodSync(root, 0o755);
      const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
      const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
      chownSync(dataDir, uid, gid);
    }
    const server = new PgServer(bin, root, dataDir, await freePort(), asPostgres);
    server.run("initdb", ["-D", dataDir, "-U", "sahayak", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale", "C"]);
    server.startServer();
    return server;
  }

  private run(tool: string, args: string[], options: ExecFileSyncOptions = {}): void {
    const path = join(this.bin, tool);
    const [cmd, argv] = this.asPostgres ? ["runuser", ["-u", "postgres", "--", path, ...args]] : [path, args];
    execFileSync(cmd, argv, { stdio: ["ignore", "ignore", "pipe"], cwd: this.root, ...options });
  }

  /** Starts the server (again), waiting until it accepts connections. */
  startServer(): void {
    // fsync off: a test cluster, thrown away after; the unix socket in the data directory, not /var/run
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dataDir} -c fsync=off -c full_page_writes=off`;
    this.run("pg_ctl", ["-D", this.dataDir, "-o", options, "-l", join(this.dataDir, "server.log"), "-w", "-t", "60", "start"]);
    this.running = true;
  }

  /** Stops the server at once (clients are cut off), as a crash or a network loss would. */
  stopServer(): void {
    this.run("pg_ctl", ["-D", this.dataDir, "-m", "immediate", "-w", "stop"]);
    this.running = false;
  }

  /** A new empty database on this server; its URL. */
  async newDatabase(): Promise<string> {
    const name = `sahayak_${++this.databases}`;
    const admin = new pg.Client({ connectionString: this.url("postgres") });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    return this.url(name);
  }

  url(database: string): string {
    return `postgres://sahayak@127.0.0.1:${this.port}/${database}`;
  }

  /** Stops the server and removes its files. */
  destroy(): void {
    try {
      this.stopServer();
    } catch {
      // already stopped
    }
    rmSync(this.root, { recursive: true, force: true });
  }
}
