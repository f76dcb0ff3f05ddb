// AMI (via asterisk-manager) for what ARI does not tell: Asterisk's version, how many channels are up,
// the state of the trunk to the telco gateway, and whether the modules Sahayak needs are loaded.
import AsteriskManager from "asterisk-manager";
import type { TelephonyConfig } from "../config.js";

const REQUIRED_MODULES = ["res_ari.so", "res_stasis.so", "res_http_websocket.so", "chan_pjsip.so", "app_queue.so"];

/** The modules Sahayak needs; the media leg's channel driver depends on the configured transport. */
export function requiredModules(transport: "rtp" | "websocket"): string[] {
  return [...REQUIRED_MODULES, transport === "websocket" ? "chan_websocket.so" : "chan_rtp.so"];
}

type Fields = Record<string, string>;

export class AmiError extends Error {}

export class AmiClient {
  private counter = 0;

  private constructor(private readonly manager: ReturnType<typeof AsteriskManager>) {}

  static async connect(config: TelephonyConfig["ami"], timeoutMs = 3000): Promise<AmiClient> {
    const manager = AsteriskManager(config.port, config.host, config.user, config.password, false);
    const client = new AmiClient(manager);
    await new Promise<void>((resolve, rejectRaw) => {
      const reject = (err: Error) => {
        // a failed connection must not stay open or retry in the background
        try {
          manager.disconnect();
        } catch {
          /* never connected */
        }
        rejectRaw(err);
      };
      const timer = setTimeout(() => reject(new AmiError(`no answer from AMI at ${config.host}:${config.port}: is Asterisk running with manager.conf enabled?`)), timeoutMs);
      // asterisk-manager drops the login's own answer; Asterisk's "Authentication failed" comes as a response event
      manager.on("response", (res: Fields) => {
        if ((res.response ?? "").toLowerCase() === "error" && /authentication/i.test(res.message ?? "")) {
          clearTimeout(timer);
          reject(new AmiError(`AMI refused the login of "${config.user}" (${res.message}): make telephony.ami.user and password match manager.conf (\`sahayak asterisk config\` renders both)`));
        }
      });
      manager.on("error", (err) => {
        clearTimeout(timer);
        reject(new AmiError(`cannot reach AMI at ${config.host}:${config.port} (${(err as unknown as Error).message ?? String(err)}): start Asterisk, and check that manager.conf enables AMI on that address and port (telephony.ami)`));
      });
      // the login is the first action; its answer says whether the credentials are right
      void client.action({ action: "Ping" }).then(
        () => {
          clearTimeout(timer);
          resolve();
        },
        (err: Error) => {
          clearTimeout(timer);
          reject(new AmiError(`AMI refused the login of "${config.user}": ${err.message}; check manager.conf`));
        },
      );
    });
    return client;
  }

  action(fields: Fields): Promise<Fields> {
    return new Promise((resolve, reject) => {
      this.manager.action({ ...fields, actionid: `sahayak-${++this.counter}` }, (err, res) => {
        if (err) reject(new AmiError(err.message ?? "AMI error"));
        else resolve(res);
      });
    });
  }

  /** An action answered by a list of events, up to its "...Complete" event. */
  list(fields: Fields, timeoutMs = 3000): Promise<Fields[]> {
    const actionid = `sahayak-${++this.counter}`;
    return new Promise((resolve, reject) => {
      const events: Fields[] = [];
      const onEvent = (e: Fields) => {
        if (e.actionid !== actionid) return;
        if (/Complete$/i.test(e.event ?? "")) {
          done();
          resolve(events);
        } else events.push(e);
      };
      const timer = setTimeout(() => {
        done();
        reject(new AmiError(`no complete answer to ${fields.action}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.manager.removeListener("managerevent", onEvent);
      };
      this.manager.on("managerevent", onEvent);
      this.manager.action({ ...fields, actionid }, (err) => {
        if (err) {
          done();
          reject(new AmiError(err.message ?? "AMI error"));
        }
      });
    });
  }

  close(): void {
    this.manager.disconnect();
  }
}

export interface PbxStatus {
  version: string;
  activeChannels: number;
  trunk: { name: string; state: string; contacts: { uri: string; status: string }[] };
  modules: Record<string, boolean>;
}

export async function pbxStatus(ami: AmiClient, trunk: string, transport: "rtp" | "websocket" = "rtp"): Promise<PbxStatus> {
  const settings = await ami.action({ action: "CoreSettings" });
  const channels = await ami.list({ action: "CoreShowChannels" });
  let endpoint: Fields[] = [];
  try {
    endpoint = await ami.list({ action: "PJSIPShowEndpoint", endpoint: trunk });
  } catch {
    endpoint = [];
  }
  const detail = endpoint.find((e) => e.event === "EndpointDetail");
  const contacts = endpoint.filter((e) => e.event === "ContactStatusDetail").map((e) => ({ uri: e.uri ?? "", status: e.status ?? "" }));
  const modules: Record<string, boolean> = {};
  for (const module of requiredModules(transport)) {
    modules[module] = await ami.action({ action: "ModuleCheck", module }).then(
      () => true,
      () => false,
    );
  }
  return {
    version: settings.asteriskversion ?? "unknown",
    activeChannels: channels.length,
    trunk: { name: trunk, state: detail ? (detail.devicestate ?? "unknown") : "not configured", contacts },
    modules,
  };
}
