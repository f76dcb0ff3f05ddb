// Charts by Chart.js (bundled with the pages, nothing fetched): each canvas is labelled for screen readers
// and followed by its numbers as a table.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from "chart.js";
import { h, meter, table, type Child } from "../dom.js";
import { t } from "../i18n.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);
Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
Chart.defaults.animation = false;

export interface Series {
  label: string;
  values: (number | null)[];
  color: string;
}

/** A line or bar chart over labelled points, with the same numbers in a table beneath. */
export function chart(kind: "line" | "bar", title: string, labels: string[], series: Series[], unit: string): HTMLElement {
  const canvas = h("canvas", { role: "img", "aria-label": title });
  const config: ChartConfiguration<"line" | "bar", (number | null)[], string> = {
    type: kind,
    data: {
      labels,
      datasets: series.map((s) => ({ label: s.label, data: s.values, borderColor: s.color, backgroundColor: s.color, spanGaps: false, pointRadius: 2 })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: { y: { beginAtZero: true, title: { display: true, text: unit } } },
      plugins: { legend: { position: "bottom" } },
    },
  };
  const figure = h("figure", { class: "chart" }, h("div", { class: "chart-box" }, canvas), h("figcaption", null, title));
  // drawn once the canvas is in the page (Chart.js measures its box)
  requestAnimationFrame(() => new Chart(canvas, config));
  const rows: Child[][] = labels.map((label, i) => [label, ...series.map((s) => (s.values[i] === null || s.values[i] === undefined ? "—" : String(s.values[i])))]);
  return h("div", null, figure, h("details", { class: "chart-data" }, h("summary", null, t("common.showNumbers")), table(title, [t("common.when"), ...series.map((s) => s.label)], rows)));
}

/** Counts as labelled bars drawn in CSS (small sets: outcomes, languages, modes). */
export function countBars(title: string, counts: Record<string, number>, label: (key: string) => string): HTMLElement {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  const max = Math.max(1, ...entries.map(([, n]) => n));
  return h(
    "div",
    { class: "count-bars" },
    h("h3", null, title),
    entries.length
      ? h("ul", null, ...entries.map(([key, n]) => h("li", null, h("span", { class: "label" }, label(key)), meter((n / max) * 100), h("span", { class: "value" }, String(n)))))
      : h("p", { class: "muted" }, t("common.none")),
  );
}
