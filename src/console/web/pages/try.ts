// Try a question: the answer the helpline would give, which scheme and why, the text as the synthesiser
// will speak it, and the audio to hear.
import { api, pageQuery } from "../app.js";
import { field, fill, h, notice, select } from "../dom.js";
import { t, term } from "../i18n.js";
import type { TryAnswer } from "../types.js";
import { errorText, schemeLink, section } from "./common.js";

export function renderTry(main: HTMLElement): void {
  const q = pageQuery();
  const question = h("textarea", { name: "question", rows: 2, required: true, class: "wide" }, q.q ?? "");
  const lang = select("lang", [["", t("try.auto")], ["en", term("languages", "en")], ["hi", term("languages", "hi")]], q.lang);
  const conversation = h("textarea", { name: "conversation", rows: 3, class: "wide" });
  const result = h("div", { id: "try-result", "aria-live": "polite" });
  const submit = h("button", { type: "submit" }, t("try.ask"));
  const form = h("form", { class: "try", novalidate: true }, field(t("try.question"), question), field(t("try.lang"), lang), h("details", null, h("summary", null, t("try.conversation")), field(t("try.earlier"), conversation, t("try.earlierHint"))), h("div", { class: "actions" }, submit));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!question.value.trim()) return question.focus();
    submit.disabled = true;
    fill(result, h("p", { class: "muted" }, t("common.loading")));
    try {
      const earlier = conversation.value
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean);
      const a = await api<TryAnswer>("POST", "/try", { question: question.value.trim(), lang: lang.value || undefined, conversation: earlier });
      const r = a.reply;
      fill(
        result,
        a.earlier.length ? section(t("try.earlierTurns"), h("ol", { class: "earlier" }, ...a.earlier.map((x) => h("li", null, h("q", null, x.question), " → ", h("span", { lang: x.reply.lang }, x.reply.text))))) : null,
        section(t("try.answer"), h("blockquote", { class: "answer", lang: r.lang }, r.text), h("p", { class: "muted" }, t("try.facts", { action: term("actions", r.action), intent: term("intents", r.intent), field: term("fields", r.field), source: term("sources", r.source) }))),
        section(
          t("try.scheme"),
          a.schemes.length ? h("ul", null, ...a.schemes.map((s) => h("li", null, schemeLink(s.schemeId, s.name)))) : h("p", { class: "muted" }, t("try.noScheme")),
          h("h3", null, t("try.why")),
          a.why.length
            ? h("ol", { class: "hits" }, ...a.why.map((w) => h("li", null, schemeLink(w.schemeId, w.name), " ", h("span", { class: "muted" }, `${t("kb.score", { score: w.score.toFixed(3) })} · ${t("kb.matched", { fields: w.matched.map((m) => term("fields", m)).join(", ") || "—" })} · ${t("kb.via", { via: w.via.map((v) => term("retrievers", v)).join(", ") })}`))))
            : h("p", { class: "muted" }, t("kb.noHits")),
        ),
        section(t("try.spoken"), h("ol", { class: "spoken" }, ...a.spoken.map((s) => h("li", { lang: s.lang }, h("span", { class: "voice" }, term("languages", s.lang)), " ", s.text)))),
        section(t("try.listen"), h("audio", { controls: true, preload: "auto", src: a.audio, id: "try-audio" }, h("a", { href: a.audio }, t("try.download")))),
      );
    } catch (err) {
      fill(result, notice("error", errorText(err)));
    } finally {
      submit.disabled = false;
    }
  });
  fill(main, h("h1", null, t("try.title")), h("p", { class: "muted" }, t("try.intro")), form, result);
  question.focus();
}
