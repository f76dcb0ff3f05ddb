// The start of a call: the greeting and the call's language. A first-time caller hears one short line per
// language, each in its own language and naming it once ("सहायक में स्वागत है। हिंदी के लिए 1 दबाइए।" —
// "For English, press 2, or just ask your question."), then the tone; the call listens from the first
// second meanwhile. A key or the language's name picks a language, a question the listening recogniser
// follows (or whose audio holds a scheme's name) is answered at once, and speech it cannot follow is asked
// for the language again; a caller who
// does nothing gets the default language. A returning caller is welcomed back in the language of their
// last call, and a dropped call is picked up where it was.
import type { AnswerLang } from "../dialogue/index.js";
import type { AsrResult } from "../speech/asr/types.js";
import { recogniseLanguageName } from "../speech/language-names.js";
import type { Conversation } from "./conversation.js";
import { TIMEOUT } from "./inbox.js";
import { FIXED_PROMPTS, openingLine, resumeAbout } from "./prompts.js";
import type { FlowInput, FlowScope, UtteranceInput } from "./scope.js";
import type { Continuation } from "./session.js";

/** A language's name is said alone or nearly ("Hindi", "English please"); a longer turn is a question. */
const MAX_NAME_WORDS = 3;

interface Choice {
  lang: AnswerLang;
  how: "only language" | "keypad" | "voice" | "question" | "timeout";
  /** The caller's question, asked before any language was chosen. */
  question?: UtteranceInput;
}

export class Opening {
  constructor(
    private readonly s: FlowScope,
    private readonly conversation: Conversation,
  ) {}

  /** Greets the caller and settles the language; resolves with a question the caller asked meanwhile, to answer next. */
  async run(): Promise<UtteranceInput | undefined> {
    const s = this.s;
    const continuation: Continuation = s.session?.continuation ?? { kind: "fresh" };
    // a caller carrying on an earlier call keeps its conversation
    if (continuation.kind !== "fresh") s.ctx = { ...continuation.context, sessionId: s.ctx.sessionId };
    const known = continuation.kind !== "fresh" && s.config.languages.includes(continuation.lang) ? continuation.lang : undefined;
    if (known && continuation.kind === "resumed") {
      if (await this.settle(known, "resumed call")) await this.resume(continuation);
      return undefined;
    }
    if (known && continuation.kind === "returning" && s.services.speechLanguages.includes(known)) {
      if (await this.settle(known, "returning caller")) await this.conversation.offerToContinue(continuation.schemeName);
      return undefined;
    }
    const chosen = await this.choose(s.config.languages);
    if (!(await this.settle(chosen.lang, chosen.how))) return undefined;
    if (chosen.question) return chosen.question;
    if (continuation.kind === "returning") {
      await this.conversation.offerToContinue(continuation.schemeName);
      return undefined;
    }
    // a caller who already spoke or pressed a key needs no instructions
    if (!s.inbox.pending) {
      s.toState("RESPONDING", "how to ask");
      const howToAsk = await s.voice.sayPrompt("howToAsk", { interruptible: true });
      if (howToAsk.completed) await s.voice.playTone();
    }
    s.timers.listening();
    return undefined;
  }

  /** The opening lines while listening, then the caller's key, name, question, or nothing. */
  private async choose(langs: readonly AnswerLang[]): Promise<Choice> {
    const s = this.s;
    const ears = this.earsLanguage(langs);
    let canAsk = ears !== undefined && s.hearing.listen(ears) ? ears : undefined;
    const allSaid = await this.sayLines(langs, { welcome: true, canAsk });
    if (langs.length === 1) return { lang: langs[0]!, how: "only language" };
    if (allSaid && canAsk) await s.voice.playTone();
    let deadline = s.now() + s.config.languageMenuTimeoutMs;
    // clock ticks meant for later (none run yet; the longest call's limit could) wait for the conversation
    const later: FlowInput[] = [];
    try {
      for (;;) {
        const input = await s.inbox.next(s.call.signal, Math.max(0, deadline - s.now()));
        if (input === TIMEOUT) return { lang: s.config.defaultLanguage, how: "timeout" };
        if (input.kind === "dtmf") {
          const lang = langs[Number(input.digit) - 1];
          s.voice.recordCaller({ text: "", lang: lang ?? "", action: "language", dtmf: input.digit });
          if (lang) return { lang, how: "keypad" };
        } else if (input.kind === "utterance") {
          const { result } = input.utterance;
          const named = languageNamed(result, langs);
          if (named) {
            s.voice.recordCaller({ text: result.text, lang: canAsk ?? "", action: "language", confidence: result.confidence }, input);
            return { lang: named, how: "voice" };
          }
          if (canAsk && result.confidence >= s.config.minConfidence) return { lang: canAsk, how: "question", question: input };
          // unsure words that hold a scheme's name the audio supports are a question in that language too,
          // not another language: a garbled name is what this recogniser makes of most scheme names
          const evidence = canAsk ? await this.conversation.heardDespiteUnsure(input, {}, true) : undefined;
          if (canAsk && evidence) return { lang: canAsk, how: "question", question: { ...input, evidence: Promise.resolve(evidence) } };
          // words the listening recogniser cannot follow: another language, so which one?
          s.voice.recordCaller({ text: result.text, lang: canAsk ?? "", action: "language", confidence: result.confidence }, input);
          await this.sayLines(langs, { welcome: false, canAsk });
          deadline = s.now() + s.config.languageMenuTimeoutMs;
        } else if (input.kind === "hearingFailed") {
          s.warn(input.error, "recogniser failed during the opening: keys only");
          s.hearing.stop();
          canAsk = undefined;
        } else if (input.kind !== "falseStart") later.push(input);
      }
    } finally {
      for (const input of later) s.inbox.push(input);
    }
  }

  /** One line per language (the first with the welcome); false when a key or the caller's words cut them short. */
  private async sayLines(langs: readonly AnswerLang[], options: { welcome: boolean; canAsk: AnswerLang | undefined }): Promise<boolean> {
    const s = this.s;
    for (const [i, lang] of langs.entries()) {
      const text = langs.length === 1 ? FIXED_PROMPTS.welcome[lang] : openingLine(langs, lang, { welcome: options.welcome && i === 0, canAsk: lang === options.canAsk });
      const spoken = await s.voice.sayCached(text, lang, { interruptible: true, action: options.welcome ? "opening" : "language_choice" });
      if (!spoken.completed || s.inbox.pending) return false;
    }
    return true;
  }

  /** The language the call listens in before one is chosen: English when it has a recogniser (it ships), else the first that has one. */
  private earsLanguage(langs: readonly AnswerLang[]): AnswerLang | undefined {
    const heard = langs.filter((l) => this.s.services.speechLanguages.includes(l));
    return heard.includes("en") ? "en" : heard[0];
  }

  /** The call goes on in `lang`: listening when it has a recogniser (true), else in keypad mode (false). */
  private async settle(lang: AnswerLang, how: string): Promise<boolean> {
    const s = this.s;
    s.lang = lang;
    s.ctx.lang = lang;
    s.services.log?.info({ callId: s.call.id, lang, how, continued: s.session?.continuation.kind ?? "fresh" }, "language chosen");
    if (!s.services.speechLanguages.includes(lang)) {
      s.hearing.stop();
      await s.enterKeypad(`no recogniser for ${lang}`);
      return false;
    }
    s.mode = "speech";
    if (s.hearing.lang !== lang && !s.hearing.listen(lang)) {
      await s.enterKeypad("no recogniser");
      return false;
    }
    s.toState("LISTENING", "language chosen");
    return true;
  }

  /**
   * A call back soon after one that ended without a goodbye: a reply the caller lost to the drop is said
   * again; otherwise (they hung up after hearing it) they are asked what else they want to know.
   */
  private async resume(continuation: Extract<Continuation, { kind: "resumed" }>): Promise<void> {
    const s = this.s;
    s.toState("RESPONDING", "resuming a dropped call");
    const { cutOffReply: reply, schemeName } = continuation;
    if (reply) {
      const notice = await s.voice.sayPrompt("resumed", { interruptible: true });
      if (notice.completed) return s.speakReply({ segments: reply.segments, lang: reply.lang, action: "resume", schemeIds: reply.schemeIds }, {});
    } else if (schemeName) await s.voice.sayText(resumeAbout(schemeName, s.lang), s.lang, { interruptible: true, action: "resume_about" });
    else await s.voice.sayPrompt("welcomeBackAsk", { interruptible: true });
    s.timers.listening();
  }
}

/** The language a short turn names ("Hindi", "इंग्लिश"), if any. */
function languageNamed(result: AsrResult, langs: readonly AnswerLang[]): AnswerLang | undefined {
  if (result.text.trim().split(/\s+/).length > MAX_NAME_WORDS) return undefined;
  const choice = recogniseLanguageName([result, ...result.alternatives], [...langs]);
  return choice.lang === "unknown" ? undefined : (choice.lang as AnswerLang);
}
