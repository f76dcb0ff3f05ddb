// One call: what happened (states), every turn with the redacted transcript, and for each answer a timing
// waterfall from the end of the caller's speech to the first packet of the reply.
import { api, boot } from "../app.js";
import { fill, h, meter, notice, table } from "../dom.js";
import { fmt, t, term } from "../i18n.js";
import type { CallDetail } from "../types.js";
import { schemeLink, section } from "./common.js";

type Turn = CallDetail["turnList"][number];

interface Waterfall {
  question: string;
  endOfSpeech: number;
  recogniserFinal?: number;
  replyReady?: number;
  firstAudio?: number;
  voiceToVoice?: number;
}

/** Each caller turn with the reply that followed it, as points in time from the call's start. */
export function waterfalls(turns: Turn[]): Waterfall[] {
  const out: Waterfall[] = [];
  turns.forEach((turn, i) => {
    if (turn.role !== "caller" || turn.timings.endOfSpeechMs === undefined) return;
    const reply = turns.slice(i + 1).find((x) => x.role === "sahayak" && x.action !== "filler");
    const rt = reply?.timings ?? {};
    out.push({
      question: turn.dtmf ? t("call.key", { key: turn.dtmf }) : turn.text,
      endOfSpeech: turn.timings.endOfSpeechMs,
      recogniserFinal: turn.timings.recogniserFinalMs,
      replyReady: rt.replyReadyMs,
      firstAudio: rt.firstAudioMs,
      voiceToVoice: rt.voiceToVoiceMs,
    });
  });
  return out;
}

function waterfallView(w: Waterfall, scaleMs: number): HTMLElement {
  const stages: { key: "recogniser" | "reply" | "audio"; from: number; to: number | undefined }[] = [
    { key: "recogniser", from: w.endOfSpeech, to: w.recogniserFinal },
    { key: "reply", from: w.recogniserFinal ?? w.endOfSpeech, to: w.replyReady },
    { key: "audio", from: w.replyReady ?? w.recogniserFinal ?? w.endOfSpeech, to: w.firstAudio },
  ];
  return h(
    "li",
    { class: "waterfall" },
    h("p", { class: "question" }, h("q", null, w.question || "—"), " ", h("span", { class: "muted" }, w.voiceToVoice !== undefined ? t("call.v2v", { ms: fmt.number(w.voiceToVoice) }) : t("call.noReply"))),
    h(
      "ol",
      { class: "stages" },
      ...stages.map((s) => {
        const ms = s.to === undefined ? undefined : Math.max(0, s.to - s.from);
        const offset = Math.max(0, s.from - w.endOfSpeech);
        const track = h("span", { class: "track" });
        const bar = meter(ms === undefined ? 0 : (ms / scaleMs) * 100, `stage-${s.key}`);
        (bar.firstElementChild as HTMLElement).style.marginLeft = `${((offset / scaleMs) * 100).toFixed(1)}%`;
        track.append(bar);
        return h("li", null, h("span", { class: "label" }, t(`call.stage.${s.key}`)), track, h("span", { class: "value" }, ms === undefined ? "—" : fmt.ms(ms)));
      }),
    ),
  );
}

function turnRow(turn: Turn): (string | HTMLElement)[] {
  const said = turn.dtmf ? t("call.key", { key: turn.dtmf }) : turn.text || t("call.nothing");
  const notes = [
    turn.action ? term("actions", turn.action) : "",
    turn.confidence !== undefined ? t("call.confidence", { c: turn.confidence.toFixed(2) }) : "",
    turn.interrupted ? t("call.interrupted") : "",
    turn.unanswered ? `${t("call.unanswered")}: ${term("reasons", turn.unanswered)}` : "",
  ].filter(Boolean);
  return [
    fmt.ms(turn.atMs),
    turn.role === "caller" ? t("call.caller") : t("call.sahayak"),
    h("span", { lang: turn.lang || undefined }, said),
    h("span", null, notes.join("; "), turn.schemeIds?.length ? [" ", ...turn.schemeIds.map((id) => schemeLink(id))] : null),
  ];
}

export async function renderCall(main: HTMLElement): Promise<void> {
  const id = boot.params.id ?? "";
  const call = await api<CallDetail>("GET", `/calls/${encodeURIComponent(id)}`);
  const falls = waterfalls(call.turnList);
  const scale = Math.max(1000, ...falls.map((w) => (w.firstAudio ?? w.replyReady ?? w.recogniserFinal ?? w.endOfSpeech) - w.endOfSpeech));
  const states = (call.states as { to: string; atMs: number; reason?: string }[]).map((s) => [fmt.ms(s.atMs), term("states", s.to), s.reason ?? ""]);
  const packets = call.packets as { sent?: number; lateMaxMs?: number } | null;
  fill(
    main,
    h("h1", null, t("call.title"), " ", h("code", null, call.callId)),
    h(
      "dl",
      { class: "facts" },
      h("dt", null, t("calls.started")), h("dd", null, fmt.when(call.startedAt)),
      h("dt", null, t("calls.duration")), h("dd", null, fmt.duration(call.durationMs)),
      h("dt", null, t("calls.language")), h("dd", null, term("languages", call.lang)),
      h("dt", null, t("calls.mode")), h("dd", null, term("modes", call.mode)),
      h("dt", null, t("calls.outcome")), h("dd", null, term("outcomes", call.outcome)),
      call.node ? [h("dt", null, t("calls.node")), h("dd", null, call.node)] : null,
      call.continued ? [h("dt", null, t("calls.notes")), h("dd", null, term("continued", call.continued))] : null,
      packets?.sent !== undefined ? [h("dt", null, t("call.packets")), h("dd", null, t("call.packetsValue", { sent: fmt.number(packets.sent), late: fmt.number(packets.lateMaxMs ?? 0) }))] : null,
    ),
    call.error ? notice("error", `${t("calls.error")}: ${call.error}`) : null,
    section(t("call.waterfall"), falls.length ? h("div", null, h("ul", { class: "legend" }, ...(["recogniser", "reply", "audio"] as const).map((k) => h("li", { class: `stage-${k}` }, t(`call.stage.${k}`)))), h("ol", { class: "waterfalls" }, ...falls.map((w) => waterfallView(w, scale)))) : h("p", { class: "muted" }, t("call.noWaterfall"))),
    section(t("call.turns"), call.turnList.length ? table(t("call.turns"), [t("call.at"), t("call.who"), t("call.said"), t("calls.notes")], call.turnList.map(turnRow), "turns") : h("p", { class: "muted" }, t("call.noTurns"))),
    section(t("call.states"), table(t("call.states"), [t("call.at"), t("calls.state"), t("call.reason")], states)),
  );
}
