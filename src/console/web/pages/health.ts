// Health and models: readiness of each component, installed models, the knowledge base, free disk, and
// doctor (admins may run it; it takes a while, so it runs in the background).
import { api, can } from "../app.js";
import { fill, h, notice, table } from "../dom.js";
import { fmt, t, term } from "../i18n.js";
import type { HealthAnswer } from "../types.js";
import { errorText, section } from "./common.js";
import { readinessList } from "./overview.js";

export async function renderHealth(main: HTMLElement): Promise<void> {
  const data = await api<HealthAnswer>("GET", "/health");
  const doctorBox = h("div", { id: "doctor", "aria-live": "polite" });
  drawDoctor(doctorBox, data);
  const kb = data.knowledgeBase;
  fill(
    main,
    h("h1", null, t("health.title")),
    section(t("health.readiness"), readinessList(data.readiness), data.inServe ? null : notice("info", t("health.alone"))),
    section(
      t("health.models"),
      data.modelsProblem ? notice("error", data.modelsProblem) : null,
      data.models.length ? table(t("health.models"), [t("health.model"), t("health.kind"), t("health.engine"), t("health.languages"), t("health.license")], data.models.map((m) => [h("code", null, m.id), m.kind, m.engine, m.languages.map((l) => term("languages", l)).join(", "), m.license ?? "—"])) : h("p", { class: "muted" }, t("health.noModels", { dir: data.modelsDir })),
    ),
    section(t("nav.kb"), h("p", null, t("kb.version", { version: kb.version, schemes: fmt.number(kb.schemes) }), kb.lastChange ? [" ", t("kb.lastChange", { time: fmt.when(kb.lastChange.time), actor: kb.lastChange.actor, reason: kb.lastChange.reason })] : null)),
    section(t("health.disk"), h("p", null, h("span", { class: `badge ${data.disk.freeMb < data.disk.minFreeMb ? "fail" : data.disk.freeMb < data.disk.warnFreeMb ? "warn" : "ok"}` }, fmt.number(data.disk.freeMb), " MB"), " ", t("health.diskDetail", { path: data.disk.path, min: fmt.number(data.disk.minFreeMb) }))),
    section(t("health.doctor"), doctorBox),
  );
}

function drawDoctor(box: HTMLElement, data: HealthAnswer): void {
  const run = can("admin")
    ? h(
        "button",
        {
          type: "button",
          id: "run-doctor",
          disabled: data.doctorRunning,
          onclick: async () => {
            try {
              await api("POST", "/health/doctor");
              poll(box);
            } catch (err) {
              box.append(notice("error", errorText(err)));
            }
          },
        },
        t("health.runDoctor"),
      )
    : null;
  const d = data.doctor;
  fill(
    box,
    run,
    data.doctorRunning ? h("p", { class: "muted" }, t("health.doctorRunning")) : null,
    !d ? h("p", { class: "muted" }, t("health.doctorNever")) : null,
    d ? h("p", { class: "muted" }, t("health.doctorBy", { user: d.by, time: fmt.when(d.startedAt) })) : null,
    d?.error ? notice("error", d.error) : null,
    d?.report
      ? [
          h("p", null, h("span", { class: `badge ${d.report.status}` }, term("doctor", d.report.status))),
          table(t("health.doctor"), [t("health.check"), t("health.status"), t("health.detail")], d.report.checks.map((c) => [c.name, h("span", { class: `badge ${c.status}` }, term("doctor", c.status)), h("span", { class: "pre" }, c.message)])),
        ]
      : null,
  );
  if (data.doctorRunning) poll(box);
}

function poll(box: HTMLElement): void {
  setTimeout(async () => {
    try {
      drawDoctor(box, await api<HealthAnswer>("GET", "/health"));
    } catch (err) {
      fill(box, notice("error", errorText(err)));
    }
  }, 1500);
}
