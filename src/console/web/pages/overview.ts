// Overview: the calls in progress (refreshed), today's calls by outcome, language and mode, voice-to-voice
// p50/p95, refusals and fallbacks over the chosen period, and readiness.
import { api, boot, pageQuery } from "../app.js";
import { fill, h, table } from "../dom.js";
import { fmt, t, term } from "../i18n.js";
import type { LiveAnswer, OverviewAnswer, ReadinessReport } from "../types.js";
import { chart, countBars } from "./charts.js";
import { section } from "./common.js";

const RANGES = ["24h", "7d", "30d"] as const;

export async function renderOverview(main: HTMLElement): Promise<void> {
  const range = RANGES.find((r) => r === pageQuery().range) ?? "24h";
  const data = await api<OverviewAnswer>("GET", `/overview?range=${range}`);
  const liveBox = h("div", { id: "live", "aria-live": "polite" });
  drawLive(liveBox, data.live);
  const labels = data.stats.buckets.map((b) => (range === "24h" ? fmt.time(b.start) : range === "7d" ? `${fmt.day(b.start)} ${fmt.time(b.start)}` : fmt.day(b.start)));
  const today = data.today;
  fill(
    main,
    h("h1", null, t("overview.title")),
    section(t("overview.inProgress"), liveBox),
    section(
      t("overview.today"),
      h("p", { class: "big-number" }, h("strong", null, fmt.number(today.calls)), " ", t("overview.callsToday")),
      h("div", { class: "tiles" }, countBars(t("overview.outcomes"), today.outcomes, (k) => term("outcomes", k)), countBars(t("overview.languages"), today.languages, (k) => term("languages", k)), countBars(t("overview.modes"), today.modes, (k) => term("modes", k))),
    ),
    section(
      t("overview.overTime"),
      h("nav", { class: "range", "aria-label": t("overview.range") }, ...RANGES.map((r) => h("a", { href: `/overview?range=${r}`, "aria-current": r === range ? "true" : undefined }, t(`overview.range${r}`)))),
      h(
        "div",
        { class: "charts" },
        chart("line", t("overview.latency"), labels, [
          { label: "p50", values: data.stats.buckets.map((b) => b.voiceToVoiceP50Ms), color: "#1f6feb" },
          { label: "p95", values: data.stats.buckets.map((b) => b.voiceToVoiceP95Ms), color: "#d1242f" },
        ], t("units.ms")),
        chart("bar", t("overview.refusalsFallbacks"), labels, [
          { label: t("overview.refusals"), values: data.stats.buckets.map((b) => b.refusals), color: "#9a6700" },
          { label: t("overview.fallbacks"), values: data.stats.buckets.map((b) => b.fallbacks), color: "#8250df" },
        ], t("overview.count")),
      ),
      h("p", { class: "muted" }, t("overview.periodCalls", { n: fmt.number(data.stats.calls) })),
    ),
    section(t("overview.readiness"), readinessList(data.readiness), h("p", { class: "muted" }, t("overview.kbVersion", { version: data.knowledgeBase.version, schemes: fmt.number(data.knowledgeBase.schemes) }))),
  );
  {
    const timer = setInterval(() => {
      api<LiveAnswer>("GET", "/live")
        .then((live) => drawLive(liveBox, live))
        .catch(() => clearInterval(timer));
    }, boot.liveRefreshMs);
  }
}

function drawLive(box: HTMLElement, live: LiveAnswer): void {
  if (!live.calls.length) return fill(box, h("p", { class: "muted" }, t(live.inServe ? "overview.noLive" : "overview.noLiveAlone")));
  const now = Date.parse(live.now);
  // a cluster's calls say which node has them
  const cluster = live.calls.some((c) => c.node);
  fill(
    box,
    table(
      t("overview.inProgress"),
      [t("calls.call"), t("calls.state"), t("calls.language"), t("calls.mode"), t("calls.duration"), t("calls.turns"), ...(cluster ? [t("calls.node")] : [])],
      live.calls.map((c) => [h("code", null, c.callId), term("states", c.state), term("languages", c.lang), term("modes", c.mode), fmt.duration(now - Date.parse(c.startedAt)), String(c.turns), ...(cluster ? [c.node ?? "—"] : [])]),
      "live-calls",
    ),
  );
}

export function readinessList(report: ReadinessReport): HTMLElement {
  return h(
    "div",
    null,
    h("p", null, h("span", { class: `badge ${report.ready ? "ok" : "fail"}` }, report.ready ? t("health.ready") : t("health.notReady")), " ", h("span", { class: "muted" }, t("health.checkedAt", { time: fmt.when(report.checkedAt) }))),
    h("ul", { class: "checks" }, ...Object.entries(report.checks).map(([name, c]) => h("li", null, h("span", { class: `badge ${c.ok ? "ok" : "fail"}` }, c.ok ? t("health.ok") : t("health.failing")), " ", h("strong", null, term("checks", name)), " — ", c.detail))),
  );
}
