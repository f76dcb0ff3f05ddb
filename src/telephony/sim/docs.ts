// The ARI subset Sahayak uses, described as Asterisk describes its API (Swagger 1.1 resource listings),
// so that the real ari-client library can load it from the simulator exactly as it does from Asterisk.
type Param = [name: string, paramType: "path" | "query" | "body", dataType?: string, required?: boolean, allowMultiple?: boolean];
type Operation = [httpMethod: string, nickname: string, responseClass: string, params?: Param[]];
type Api = [path: string, operations: Operation[]];

const CHANNEL_ID: Param = ["channelId", "path"];
const BRIDGE_ID: Param = ["bridgeId", "path"];

const RESOURCES: Record<string, { apis: Api[]; models?: Record<string, Record<string, string>> }> = {
  asterisk: { apis: [["/asterisk/info", [["GET", "getInfo", "AsteriskInfo", [["only", "query", "string", false, true]]]]]] },
  applications: {
    apis: [
      ["/applications", [["GET", "list", "List[Application]"]]],
      ["/applications/{applicationName}", [["GET", "get", "Application", [["applicationName", "path"]]]]],
    ],
  },
  channels: {
    apis: [
      ["/channels", [["GET", "list", "List[Channel]"]]],
      [
        "/channels/externalMedia",
        [
          [
            "POST",
            "externalMedia",
            "Channel",
            [
              ["channelId", "query", "string", false],
              ["app", "query", "string", true],
              ["variables", "body", "containers", false],
              ["external_host", "query", "string", false],
              ["encapsulation", "query", "string", false],
              ["transport", "query", "string", false],
              ["connection_type", "query", "string", false],
              ["format", "query", "string", true],
              ["direction", "query", "string", false],
              ["data", "query", "string", false],
              ["transport_data", "query", "string", false],
            ],
          ],
        ],
      ],
      [
        "/channels/{channelId}",
        [
          ["GET", "get", "Channel", [CHANNEL_ID]],
          ["DELETE", "hangup", "void", [CHANNEL_ID, ["reason_code", "query", "string", false], ["reason", "query", "string", false]]],
        ],
      ],
      ["/channels/{channelId}/answer", [["POST", "answer", "void", [CHANNEL_ID]]]],
      [
        "/channels/{channelId}/continue",
        [["POST", "continueInDialplan", "void", [CHANNEL_ID, ["context", "query", "string", false], ["extension", "query", "string", false], ["priority", "query", "int", false], ["label", "query", "string", false]]]],
      ],
      [
        "/channels/{channelId}/variable",
        [
          ["GET", "getChannelVar", "Variable", [CHANNEL_ID, ["variable", "query", "string", true]]],
          ["POST", "setChannelVar", "void", [CHANNEL_ID, ["variable", "query", "string", true], ["value", "query", "string", false]]],
        ],
      ],
      ["/channels/{channelId}/play", [["POST", "play", "Playback", [CHANNEL_ID, ["media", "query", "string", true, true], ["lang", "query", "string", false], ["playbackId", "query", "string", false]]]]],
    ],
  },
  bridges: {
    apis: [
      [
        "/bridges",
        [
          ["GET", "list", "List[Bridge]"],
          ["POST", "create", "Bridge", [["type", "query", "string", false], ["bridgeId", "query", "string", false], ["name", "query", "string", false]]],
        ],
      ],
      [
        "/bridges/{bridgeId}",
        [
          ["GET", "get", "Bridge", [BRIDGE_ID]],
          ["DELETE", "destroy", "void", [BRIDGE_ID]],
        ],
      ],
      ["/bridges/{bridgeId}/addChannel", [["POST", "addChannel", "void", [BRIDGE_ID, ["channel", "query", "string", true, true], ["role", "query", "string", false]]]]],
      ["/bridges/{bridgeId}/removeChannel", [["POST", "removeChannel", "void", [BRIDGE_ID, ["channel", "query", "string", true, true]]]]],
    ],
  },
  events: {
    apis: [["/events", [["GET", "eventWebsocket", "Message", [["app", "query", "string", true, true], ["subscribeAll", "query", "boolean", false]]]]]],
    // event name → properties with resource types (what ari-client turns into instances)
    models: {
      Message: { type: "string" },
      StasisStart: { channel: "Channel", replace_channel: "Channel", args: "List[string]" },
      StasisEnd: { channel: "Channel" },
      ChannelStateChange: { channel: "Channel" },
      ChannelDtmfReceived: { channel: "Channel", digit: "string", duration_ms: "int" },
      ChannelHangupRequest: { channel: "Channel", cause: "int", soft: "boolean" },
      ChannelDestroyed: { channel: "Channel", cause: "int", cause_txt: "string" },
      ChannelVarset: { channel: "Channel", variable: "string", value: "string" },
      ChannelEnteredBridge: { bridge: "Bridge", channel: "Channel" },
      ChannelLeftBridge: { bridge: "Bridge", channel: "Channel" },
      ChannelConnectedLine: { channel: "Channel" },
      BridgeCreated: { bridge: "Bridge" },
      BridgeDestroyed: { bridge: "Bridge" },
      Dial: { peer: "Channel", caller: "Channel", dialstatus: "string" },
      PlaybackStarted: { playback: "Playback" },
      PlaybackFinished: { playback: "Playback" },
      ApplicationReplaced: { application: "string" },
    },
  },
};

/** Event types the simulator can send (and ari-client knows how to read). */
export const EVENT_TYPES = Object.keys(RESOURCES.events!.models!).filter((k) => k !== "Message");

export function resourceListing(baseUrl: string): unknown {
  return {
    apiVersion: "9.0.0",
    swaggerVersion: "1.1",
    basePath: `${baseUrl}/ari`,
    apis: Object.keys(RESOURCES).map((name) => ({ path: `/api-docs/${name}.{format}`, description: name })),
  };
}

export function apiDeclaration(name: string, baseUrl: string): unknown | undefined {
  const resource = RESOURCES[name];
  if (!resource) return undefined;
  const models: Record<string, unknown> = {};
  for (const [model, props] of Object.entries(resource.models ?? {})) {
    models[model] = {
      id: model,
      properties: Object.fromEntries(Object.entries(props).map(([p, type]) => [p, { type, required: false }])),
    };
  }
  return {
    apiVersion: "9.0.0",
    swaggerVersion: "1.1",
    basePath: `${baseUrl}/ari`,
    resourcePath: `/api-docs/${name}.{format}`,
    apis: resource.apis.map(([path, ops]) => ({
      path,
      description: path,
      operations: ops.map(([httpMethod, nickname, responseClass, params = []]) => ({
        httpMethod,
        nickname,
        summary: nickname,
        responseClass,
        parameters: params.map(([pname, paramType, dataType = "string", required = true, allowMultiple = false]) => ({ name: pname, paramType, dataType, required, allowMultiple })),
      })),
    })),
    models,
  };
}
