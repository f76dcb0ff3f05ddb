// Telephony settings (ARI, media transport, Asterisk and AMI): part of the one configuration schema (src/config.ts),
// with every default.
import { z } from "zod";

/** A place in Asterisk's dialplan a call is sent to (continueInDialplan). */
const dialplanTarget = (context: string) =>
  z
    .strictObject({
      context: z.string().default(context),
      extension: z.string().default("s"),
      priority: z.number().int().positive().default(1),
    })
    .prefault({});

export const telephonySchema = z.strictObject({
  ari: z
    .strictObject({
      url: z.string().default("http://127.0.0.1:8088"),
      user: z.string().default("sahayak"),
      password: z.string().default("sahayak"),
      app: z.string().default("sahayak"),
      /** First reconnect delay; doubles up to maxReconnectMs. */
      reconnectMs: z.number().int().positive().default(250),
      maxReconnectMs: z.number().int().positive().default(10_000),
      /** A REST request without an answer by then fails (the call is released, not held forever). */
      requestTimeoutMs: z.number().int().positive().default(5000),
    })
    .prefault({}),
  media: z
    .strictObject({
      /** slin16 (16 kHz) over websocket only: over RTP a real Asterisk 23 takes it but the caller hears nothing. */
      format: z.enum(["ulaw", "alaw", "slin16"]).default("ulaw"),
      /** rtp: ExternalMedia over UDP; websocket: chan_websocket (Asterisk 20.16 / 21.11 / 22.6+), no RTP ports. */
      transport: z.enum(["rtp", "websocket"]).default("rtp"),
      /**
       * chan_websocket: the control messages' format Sahayak asks each channel for (the dial option f(),
       * through externalMedia's transport_data; Asterisk 20.18 / 22.8 / 23.2 or later) and that `sahayak
       * asterisk config` writes to chan_websocket.conf. Asterisk's own default is plain-text; whichever format
       * a channel actually uses is read from its MEDIA_START and answered in.
       */
      websocketControlFormat: z.enum(["plain-text", "json"]).default("json"),
      /** chan_websocket: frames kept queued in Asterisk ahead of its playout clock. */
      websocketLeadFrames: z.number().int().min(1).max(50).default(3),
      /** chan_websocket: how long to wait for MEDIA_START after connecting. */
      websocketStartTimeoutMs: z.number().int().positive().default(5000),
      /** Address our RTP sockets bind to. */
      bindAddress: z.string().default("127.0.0.1"),
      /** Address Asterisk sends RTP to (this machine as Asterisk sees it). */
      advertiseAddress: z.string().default("127.0.0.1"),
      portMin: z.number().int().min(1024).max(65534).default(20000),
      portMax: z.number().int().min(1025).max(65535).default(29999),
      jitterDepth: z.number().int().min(0).max(20).default(2),
      /**
       * SCHED_FIFO priority of the process sending every call's reply audio, RTP and chan_websocket (Linux;
       * needs root or CAP_SYS_NICE, otherwise it runs niced above normal). 0: never real-time.
       */
      senderRealtimePriority: z.number().int().min(0).max(99).default(10),
      /**
       * Share of the machine's cores everything but the RTP sender may use (recognition, synthesis, dialogue),
       * set as a cgroup CPU quota by `serve` and `simulate` (root or a delegated cgroup). The rest is
       * headroom, so reply packets keep their deadlines and a virtual machine's host never throttles the
       * guest. 1: no limit.
       */
      bulkCpuShare: z.number().gt(0).max(1).default(0.75),
      maxPacketBytes: z.number().int().positive().default(1500),
    })
    .refine((m) => !(m.format === "slin16" && m.transport === "rtp"), {
      path: ["format"],
      message:
        "slin16 is not offered over transport rtp: Asterisk 23 accepts 16 kHz ExternalMedia RTP but the caller hears silence. Use format ulaw or alaw with rtp, or set telephony.media.transport to websocket for slin16",
    })
    .prefault({}),
  maxCalls: z.number().int().positive().default(20),
  /** Beyond maxCalls: say "all lines are busy" and hang up, or send the caller to the waiting queue. */
  overload: z.enum(["busy", "queue"]).default("busy"),
  transfer: dialplanTarget("sahayak-human"),
  queue: dialplanTarget("sahayak-queue"),
  /** Where a call goes when Sahayak cannot serve it (Stasis failed, its media never started, a failure mid-call): an apology in every language, then a person. */
  fallback: dialplanTarget("sahayak-fallback"),
  /** On SIGTERM, calls may finish for this long before they are ended politely. */
  shutdownGraceMs: z.number().int().nonnegative().default(30_000),
  /**
   * While serving, a release Asterisk refused or never answered (a hangup, a bridge destroyed, under load or while
   * it restarts) is tried again this often, and any channel or bridge of ours that no call owns is released: left
   * alone, each would hold a channel and its RTP ports until Asterisk restarts. 0: only at start and after a reconnect.
   */
  orphanSweepMs: z.number().int().nonnegative().default(60_000),
  asterisk: z
    .strictObject({
      /** The telco's E1/SIP gateway (IP-authenticated trunk). */
      gatewayHost: z.string().default("192.0.2.10"),
      gatewayPort: z.number().int().positive().default(5060),
      /** Dialled numbers that reach the helpline. */
      didPattern: z.string().default("_X."),
      httpBind: z.string().default("127.0.0.1"),
      httpPort: z.number().int().positive().default(8088),
      /** Asterisk's own RTP ports (Sahayak's are telephony.media.portMin–portMax). */
      rtpStart: z.number().int().positive().default(10000),
      rtpEnd: z.number().int().positive().default(19999),
      /** Address and port Asterisk's SIP transport binds to: the one the gateway and the agents reach, never a wildcard. */
      sipBind: z.string().default("127.0.0.1"),
      sipPort: z.number().int().positive().default(5060),
      /** Where a person answers: a queue of agents, fed by these endpoints. */
      humanQueue: z.string().default("sahayak-helpdesk"),
      agents: z.array(z.string()).default(["PJSIP/operator1"]),
      /** How agents' softphones prove who they are; an agent endpoint with neither is refused. */
      agentAuth: z
        .object({
          /** Each agent registers with its endpoint name and a generated password kept in agentSecretsFile. */
          credentials: z.boolean().default(true),
          /** Addresses (a.b.c.d or a.b.c.d/nn) agents may register and call from; empty: any address. */
          allowFrom: z.array(z.string()).default([]),
        })
        .prefault({}),
      /** Generated agent passwords, relative to dataDir; made (mode 0600) on first render. */
      agentSecretsFile: z.string().default("secrets/agents.json"),
      /**
       * Asterisk's sounds directory (astdatadir/sounds: /var/lib/asterisk/sounds for a source build,
       * /usr/share/asterisk/sounds for Debian's package). The fallback prompts and the queue's hold music
       * are rendered under its sahayak/ folder, and the dialplan names them by absolute path.
       */
      soundsDir: z.string().default("/var/lib/asterisk/sounds"),
      /** Music-on-hold class of the human queue; its files are rendered with the fallback prompts. */
      holdMusicClass: z.string().default("sahayak-hold"),
      /** A caller waiting for a person hears "please hold" this often, each language in turn. */
      holdAnnounceSeconds: z.number().int().positive().default(15),
      /** A caller sent to a person waits this long for one, then hears "please call again later". */
      humanQueueWaitSeconds: z.number().int().positive().default(600),
      /**
       * Asterisk's own metrics (res_prometheus) on its HTTP server at /<uri>, behind Basic auth: Prometheus
       * scrapes them beside Sahayak's (appliance/monitoring/prometheus.yml). Change the password.
       */
      metrics: z
        .strictObject({
          enabled: z.boolean().default(true),
          uri: z.string().regex(/^[a-z0-9_-]+$/).default("metrics"),
          user: z.string().min(1).default("prometheus"),
          password: z.string().min(1).default("sahayak-metrics"),
        })
        .prefault({}),
    })
    .prefault({}),
  ami: z
    .strictObject({
      host: z.string().default("127.0.0.1"),
      port: z.number().int().positive().default(5038),
      user: z.string().default("sahayak"),
      password: z.string().default("sahayak"),
      trunk: z.string().default("telco"),
    })
    .prefault({}),
});
