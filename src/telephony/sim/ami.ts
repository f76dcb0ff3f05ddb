// A small AMI server for tests and `sahayak pbx status` against the simulator: login, CoreSettings,
// CoreShowChannels, PJSIPShowEndpoint, ModuleCheck, Ping, Logoff — in Asterisk's wire format.
import { createServer, type Server, type Socket } from "node:net";
import type { PbxSimulator } from "./server.js";

export class AmiSimulator {
  private server: Server;
  port = 0;
  /** Modules the simulated Asterisk has loaded. */
  modules = new Set(["res_ari.so", "res_stasis.so", "res_http_websocket.so", "chan_rtp.so", "chan_pjsip.so", "app_queue.so", "chan_websocket.so"]);
  trunkReachable = true;

  constructor(
    private readonly pbx: PbxSimulator,
    private readonly user: string,
    private readonly secret: string,
    private readonly trunk = "telco",
  ) {
    this.server = createServer((socket) => this.session(socket));
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    const a = this.server.address();
    this.port = typeof a === "object" && a ? a.port : 0;
  }

  private readonly open = new Set<Socket>();

  private session(socket: Socket): void {
    this.open.add(socket);
    socket.on("close", () => this.open.delete(socket));
    socket.on("end", () => socket.end());
    let authed = false;
    let buffer = "";
    socket.write("Asterisk Call Manager/9.0.0\r\n");
    const send = (fields: Record<string, string | number>) => socket.write(Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join("\r\n") + "\r\n\r\n");
    socket.on("error", () => undefined);
    socket.on("data", (data) => {
      buffer += data.toString();
      let end: number;
      while ((end = buffer.indexOf("\r\n\r\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 4);
        const f: Record<string, string> = {};
        for (const line of block.split("\r\n")) {
          const i = line.indexOf(":");
          if (i > 0) f[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
        }
        const id = f.actionid ?? "";
        const action = (f.action ?? "").toLowerCase();
        if (action === "login") {
          authed = f.username === this.user && f.secret === this.secret;
          send(authed ? { Response: "Success", ActionID: id, Message: "Authentication accepted" } : { Response: "Error", ActionID: id, Message: "Authentication failed" });
          continue;
        }
        if (!authed) {
          send({ Response: "Error", ActionID: id, Message: "Permission denied" });
          continue;
        }
        if (action === "ping") send({ Response: "Success", ActionID: id, Ping: "Pong" });
        else if (action === "coresettings") send({ Response: "Success", ActionID: id, AMIversion: "9.0.0", AsteriskVersion: "23.4.1", SystemName: "sim" });
        else if (action === "coreshowchannels") {
          send({ Response: "Success", ActionID: id, EventList: "start", Message: "Channels will follow" });
          const channels = [...this.pbx.channels.values()];
          for (const c of channels) send({ Event: "CoreShowChannel", ActionID: id, Channel: c.name, Uniqueid: c.id, ChannelStateDesc: c.state });
          send({ Event: "CoreShowChannelsComplete", ActionID: id, EventList: "Complete", ListItems: channels.length });
        } else if (action === "pjsipshowendpoint") {
          if (f.endpoint !== this.trunk) {
            send({ Response: "Error", ActionID: id, Message: `Unable to retrieve endpoint ${f.endpoint}` });
            continue;
          }
          send({ Response: "Success", ActionID: id, EventList: "start", Message: "Following are Events for each object associated with the Endpoint" });
          send({ Event: "EndpointDetail", ActionID: id, ObjectName: this.trunk, DeviceState: this.trunkReachable ? "Not in use" : "Unavailable" });
          send({ Event: "ContactStatusDetail", ActionID: id, URI: "sip:192.0.2.10:5060", Status: this.trunkReachable ? "Reachable" : "Unreachable" });
          send({ Event: "EndpointDetailComplete", ActionID: id, EventList: "Complete", ListItems: 2 });
        } else if (action === "modulecheck") {
          send(this.modules.has(f.module ?? "") ? { Response: "Success", ActionID: id, Version: "23.4.1" } : { Response: "Error", ActionID: id, Message: "Module not loaded" });
        } else if (action === "logoff") {
          send({ Response: "Goodbye", ActionID: id, Message: "Thanks for all the fish." });
          socket.end();
        } else send({ Response: "Error", ActionID: id, Message: "Invalid/unknown command" });
      }
    });
  }

  async stop(): Promise<void> {
    for (const s of this.open) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
