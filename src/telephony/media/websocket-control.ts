// chan_websocket's control messages, as the app reads and writes them. Asterisk sends them in one of two
// formats per channel: plain text (its default: `MEDIA_START connection_id:… channel:… format:ulaw …`) or
// JSON (`{"event":"MEDIA_START",…}`), chosen by chan_websocket.conf `[global] control_message_format` or
// the dial option f(json|plain-text). A command in the other format is not understood: on a JSON channel
// Asterisk answers it with ERROR, on a plain-text one it only logs a warning. So the format is read from
// the first message (MEDIA_START) and every command is written in it.
import type { TelephonyConfig } from "../../config.js";

export type ControlFormat = TelephonyConfig["media"]["websocketControlFormat"];

/** The events chan_websocket sends (channels/chan_websocket.c, Asterisk 23.4). */
export type ControlEvent =
  | { event: "MEDIA_START"; connectionId: string; channel: string; channelId: string; format: string; optimalFrameSize: number; ptime: number; channelVariables?: Record<string, string> }
  | { event: "MEDIA_XOFF" | "MEDIA_XON" | "QUEUE_DRAINED"; channelId?: string }
  | { event: "DTMF_END"; digit: string; channelId?: string }
  | { event: "STATUS"; channelId?: string; queueLength: number; xonLevel: number; xoffLevel: number; queueFull: boolean; bulkMedia: boolean; mediaPaused: boolean }
  | { event: "MEDIA_BUFFERING_COMPLETED" | "MEDIA_MARK_PROCESSED"; channelId?: string; correlationId?: string }
  | { event: "ERROR"; channelId?: string; errorText: string }
  | { event: "OTHER"; name: string };

export interface ControlMessage {
  format: ControlFormat;
  message: ControlEvent;
}

/** The app's commands. SET_MEDIA_DIRECTION exists only in JSON (a plain-text one is answered with ERROR). */
export type ControlCommand =
  | { command: "ANSWER" | "HANGUP" | "START_MEDIA_BUFFERING" | "FLUSH_MEDIA" | "GET_STATUS" | "REPORT_QUEUE_DRAINED" | "PAUSE_MEDIA" | "CONTINUE_MEDIA" }
  | { command: "STOP_MEDIA_BUFFERING" | "MARK_MEDIA"; correlationId?: string };

/** The command as chan_websocket expects it on a channel using `format`. */
export function controlCommand(format: ControlFormat, cmd: ControlCommand): string {
  const id = "correlationId" in cmd ? cmd.correlationId : undefined;
  if (format === "json") return JSON.stringify(id === undefined ? { command: cmd.command } : { command: cmd.command, correlation_id: id });
  // plain text: the word, then the command's argument after one space
  return id === undefined ? cmd.command : `${cmd.command} ${id}`;
}

/** Reads one text message in either format; null when it is neither. */
export function parseControlMessage(text: string): ControlMessage | null {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(trimmed) as Record<string, unknown>;
    } catch {
      return null;
    }
    if (typeof json.event !== "string") return null;
    return { format: "json", message: fromFields(json.event, json) };
  }
  const match = /^([A-Z][A-Z_]*)(?: (.*))?$/s.exec(trimmed);
  if (!match) return null;
  return { format: "plain-text", message: fromFields(match[1]!, plainFields(match[1]!, match[2] ?? "")) };
}

/**
 * Plain text: `NAME key:value key:value`. ERROR's error_text runs to the end of the line (it has spaces);
 * MEDIA_BUFFERING_COMPLETED and MEDIA_MARK_PROCESSED carry their correlation id bare.
 */
function plainFields(name: string, rest: string): Record<string, unknown> {
  if (name === "MEDIA_BUFFERING_COMPLETED" || name === "MEDIA_MARK_PROCESSED") return rest ? { correlation_id: rest } : {};
  const fields: Record<string, unknown> = {};
  let remaining = rest;
  while (remaining) {
    const kv = /^([a-z_]+):(\S*)(?: (.*))?$/s.exec(remaining);
    if (!kv) break;
    if (kv[1] === "error_text") {
      fields.error_text = remaining.slice("error_text:".length);
      break;
    }
    fields[kv[1]!] = kv[2]!;
    remaining = kv[3] ?? "";
  }
  return fields;
}

const str = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));
const num = (v: unknown): number => Number(v);
const bool = (v: unknown): boolean => v === true || v === "true";

function fromFields(name: string, f: Record<string, unknown>): ControlEvent {
  const channelId = str(f.channel_id);
  switch (name) {
    case "MEDIA_START":
      return {
        event: name,
        connectionId: str(f.connection_id) ?? "",
        channel: str(f.channel) ?? "",
        channelId: channelId ?? "",
        format: str(f.format) ?? "",
        optimalFrameSize: num(f.optimal_frame_size) || 0,
        ptime: num(f.ptime) || 0,
        ...(f.channel_variables && typeof f.channel_variables === "object" ? { channelVariables: f.channel_variables as Record<string, string> } : {}),
      };
    case "MEDIA_XOFF":
    case "MEDIA_XON":
    case "QUEUE_DRAINED":
      return { event: name, channelId };
    case "DTMF_END":
      return { event: name, digit: str(f.digit) ?? "", channelId };
    case "STATUS":
      return { event: name, channelId, queueLength: num(f.queue_length), xonLevel: num(f.xon_level), xoffLevel: num(f.xoff_level), queueFull: bool(f.queue_full), bulkMedia: bool(f.bulk_media), mediaPaused: bool(f.media_paused) };
    case "MEDIA_BUFFERING_COMPLETED":
    case "MEDIA_MARK_PROCESSED":
      return { event: name, channelId, correlationId: str(f.correlation_id) || undefined };
    case "ERROR":
      return { event: name, channelId, errorText: str(f.error_text) ?? "" };
    default:
      return { event: "OTHER", name };
  }
}
