// respond(utterance, context) → Reply: the helpline's understanding and answering, text in, text out.
//
// One turn: a pending question is resolved first (a choice of schemes, "did you mean …?", "who is it
// for?"), then requests to the helpline itself (a person, goodbye, repeat, more, help). A scheme the caller
// names — in the words, in the recogniser's other readings, or heard by the acoustic scorer — is answered
// (or offered for a yes/no when it rests on sound alone); a follow-up stays with the scheme spoken of unless
// it points at another one by its kind; a scheme the knowledge base lacks is said to be unknown. Questions
// about something else are refused by a calibrated decision; a kind of help gets a short choice of schemes;
// a vague request gets "who is it for?". This file decides the order; which scheme is named (identify.ts),
// the choice for a kind of help (category.ts), picks from a pending question (picks.ts), scope and unknown
// names (outside.ts) and names said aloud (names.ts) are their own modules.
import type { Config, DialogueConfig } from "../config.js";
import { BackgroundLanguage, SchemeConcepts, type KnowledgeBase, type SchemeRecord } from "../knowledge/index.js";
import type { Logger } from "../ops/log.js";
import { retryOnce } from "../ops/retry.js";
import { chooseSchemes, telling, topicGroups } from "./category.js";
import { joinSegments, rankUnits, speakFrom, withEnding, withoutEnding } from "./compose.js";
import { identify, NAME_TIE } from "./identify.js";
import { distinctSchemes, readText, sanitize, type DialogueKnowledge } from "./knowledge.js";
import { LanguageDetector, type LanguageGuess } from "./language.js";
import type { AnswerGenerator } from "./llm/generator.js";
import { choiceName, sameSchemeVersions, schemeName, soundsLikeNameOf, spokenName } from "./names.js";
import { questionEvidence, unknownNameAsked, unknownScheme } from "./outside.js";
import { bestForProfile, choiceByName, resolveChoice, resolveTopic } from "./picks.js";
import { mergeProfile } from "./profile.js";
import { prompts } from "./prompts.js";
import { schemeQuestion } from "./question.js";
import { pickIntent, type Reading } from "./reading.js";
import { inScopeProbability } from "./scope.js";
import { sayEachLinkOnce } from "./speakable.js";
import { oneOfTwins } from "./twins.js";
import type { Action, AnswerLang, DialogueContext, Field, Intent, Reply, Segment, Utterance } from "./types.js";
import { fieldHasText, sentences, unitPool, type Unit } from "./units.js";

const FIELD_OF: Partial<Record<Intent, Field>> = {
  overview: "description",
  eligibility: "eligibility",
  exclusions: "exclusions",
  benefits: "benefits",
  documents: "documents",
  apply: "application",
  contact: "contact",
};

/** Cached sentence pools of records (per scheme and language). */
const POOL_CACHE = 64;

export interface DialogueOptions {
  generator?: AnswerGenerator | null;
  log?: Logger;
}

export class DialogueEngine {
  private readonly pools = new Map<string, Unit[]>();

  private constructor(
    private readonly kb: KnowledgeBase,
    private readonly config: DialogueConfig,
    private readonly languages: LanguageDetector,
    private readonly background: BackgroundLanguage,
    private concepts: SchemeConcepts,
    private readonly generator: AnswerGenerator | null,
    private readonly log?: Logger,
  ) {}

  static async create(kb: KnowledgeBase, config: Config, options: DialogueOptions = {}): Promise<DialogueEngine> {
    const background = BackgroundLanguage.load();
    const concepts = await SchemeConcepts.build(kb.store);
    const languages = await LanguageDetector.create({
      log: options.log,
      // a word of the lexicon or a function word that English does not use often, or any word English does
      // not use that sounds like a Hindi word ("jaldi", "kharcha")
      isHindiWord: (w) => ((kb.store.lexicon.isRomanHindi(w) || background.isHindiFunctionWord(w)) && !background.isEveryday(w)) || background.soundsHindi(w),
      // a name's own words ("Awas", "Yojana"), not everyday English ("for", "card") nor Hindi function words ("ka")
      isNameWord: (w) => engine.concepts.isNameWord(w) && (!background.isEveryday(w) || background.soundsHindi(w)) && !background.isHindiFunctionWord(w),
      isSharedWord: (w) => background.isHindiFunctionWord(w) && background.isEveryday(w),
    });
    const engine: DialogueEngine = new DialogueEngine(kb, config.dialogue, languages, background, concepts, options.generator ?? null, options.log);
    return engine;
  }

  /** What the dialogue's parts read; the concepts are read when used, so a part sees the current ones. */
  private get k(): DialogueKnowledge {
    const current = (): SchemeConcepts => this.concepts;
    return {
      kb: this.kb,
      config: this.config,
      background: this.background,
      get concepts() {
        return current();
      },
    };
  }

  /** The knowledge base moved to another version: what it talks about is counted again. */
  private async current(): Promise<void> {
    if (this.concepts.kbVersion === this.kb.store.kbVersion) return;
    this.concepts = await SchemeConcepts.build(this.kb.store);
    this.pools.clear();
  }

  /** Answers one caller turn; updates the context in place. */
  async respond(utterance: Utterance, ctx: DialogueContext, signal?: AbortSignal): Promise<Reply> {
    await this.current();
    ctx.turn++;
    const text = sanitize(utterance.text ?? "", this.config.maxInputChars);
    if (utterance.dtmf) return this.remember(ctx, await this.onDigit(utterance.dtmf, ctx, signal));
    if (!text && !utterance.heardNames?.length) return this.remember(ctx, this.say(prompts.empty[ctx.lang], ctx.lang, "help", "help"));
    const guess = this.languages.detect(text, utterance.lang);
    ctx.lang = guess.answerLang;
    const reply = await this.understandAndAnswer(text, utterance, guess, ctx, signal);
    if (guess.lang !== "en" && guess.lang !== "hi" && reply.action === "answer") {
      reply.segments.unshift({ text: prompts.otherLanguageNote, lang: "en" });
      reply.text = joinSegments(reply.segments);
    }
    return reply.action === "repeat" ? reply : this.remember(ctx, reply);
  }

  /**
   * A keypad choice: what to say about one scheme, without the spoken "you can ask about …" offer
   * (the keypad menu that follows says what can be pressed). Updates the context like a spoken turn.
   */
  async answerAbout(schemeId: string, intent: Intent, ctx: DialogueContext, signal?: AbortSignal): Promise<Reply> {
    await this.current();
    ctx.turn++;
    const reply = await this.answerScheme(schemeId, intent, undefined, ctx, ctx.lang, signal);
    return this.remember(ctx, reply.action === "answer" ? withoutEnding(reply) : reply);
  }

  /** The rest of the last answer (keypad "more"). */
  async continueAnswer(ctx: DialogueContext): Promise<Reply> {
    await this.current();
    ctx.turn++;
    const reply = await this.more(ctx, ctx.lang);
    return this.remember(ctx, reply.action === "more" && reply.source !== "prompt" ? withoutEnding(reply) : reply);
  }

  private async understandAndAnswer(text: string, utterance: Utterance, guess: LanguageGuess, ctx: DialogueContext, signal?: AbortSignal): Promise<Reply> {
    const lang = guess.answerLang;
    const r = readText(this.k, text);
    ctx.profile = mergeProfile(ctx.profile, { age: r.age, monthlyIncome: r.monthlyIncome, state: r.state, beneficiaries: r.beneficiaries });
    const wordTotal = r.tokens.length;
    const pending = ctx.pending;

    // "did you mean …?": yes, no, or something else said instead
    if (pending?.kind === "confirm") {
      ctx.pending = undefined;
      if (r.control === "affirm" && wordTotal <= 4) return this.answerScheme(pending.schemeId, pending.intent, pending.question, ctx, lang, signal);
      if (r.control === "deny" && wordTotal <= 4) return this.say(prompts.sayNameAgain[lang], lang, "clarify", pending.intent);
    }

    if (pending?.kind === "choose") {
      const chosen = resolveChoice(this.k, text, pending.options);
      if (chosen) {
        ctx.pending = undefined;
        // the sentences are chosen for the question asked, not for "the rural one"
        const question = r.fieldIntent ? text : pending.question;
        return this.answerScheme(chosen, r.fieldIntent ?? pending.intent, question, ctx, lang, signal);
      }
    }
    if (pending?.kind === "topic") {
      const group = resolveTopic(this.k, text, pending.options);
      if (group) {
        ctx.pending = undefined;
        return this.offerSchemes([{ label: group, group, stems: [] }], r, ctx, lang, signal, "overview");
      }
    }

    const found = await identify(this.k, text, r, utterance, signal);
    // a catalogue stub and a full record of one scheme are not rivals; the one with more to say answers
    const identified = found.schemeId ? { ...found, ...(await oneOfTwins(found.schemeId, found.rivals, found.hits, (h) => h.nameScore >= this.config.nameThreshold, lang, this.kb.store)) } : found;
    // "help", "repeat" alone, and goodbyes or requests for a person without a new question, come first
    const control = r.control;
    const bareControl = control !== undefined && !r.fieldIntent && (wordTotal <= 3 || control === "goodbye" || control === "human");
    if (control && !identified.bySound && (bareControl || (!identified.schemeId && (control === "human" || (!r.fieldIntent && r.units.length === 0 && !r.designator && wordTotal <= 6))))) {
      const reply = await this.onControl(control, ctx, lang, signal);
      if (reply) return reply;
    }

    // a choice pending, and the caller tells about themselves: the candidates that fit them best
    if (pending?.kind === "choose" && !identified.schemeId && (r.age !== undefined || r.monthlyIncome !== undefined || r.beneficiaries.length > 0)) {
      const best = await bestForProfile(this.k, pending.candidates, ctx);
      if (best) {
        ctx.pending = undefined;
        return this.answerScheme(best, "eligibility", text, ctx, lang, signal, true);
      }
    }

    // a choice pending and a question about "it" instead of a pick: the first (most useful) option
    if (pending?.kind === "choose" && !identified.schemeId && telling(this.k, r.units).length === 0 && (r.fieldIntent || r.asks.length > 0)) {
      ctx.pending = undefined;
      return this.answerScheme(pending.options[0]!, r.fieldIntent ?? "overview", text, ctx, lang, signal);
    }

    if (identified.schemeId) {
      ctx.pending = undefined;
      const bare = !r.fieldIntent || r.fieldIntent === "overview";
      // a rival named just as well ("Awas Yojana": rural or urban) is asked about whatever the question
      // (versions of one scheme, "… Yojana 2.0", are not rivals for a question about a fact of it)
      const tied = identified.rivals.some(
        (id) => Math.abs((identified.hits.find((h) => h.schemeId === id)?.nameScore ?? 0) - identified.nameScore) <= NAME_TIE && !sameSchemeVersions(this.k, id, identified.schemeId!),
      );
      if (identified.rivals.length > 0 && (bare || tied)) {
        // a fact asked of one: the caller's other words may tell them apart ("rural" is the "Gramin" one)
        const told = bare ? undefined : choiceByName(this.k, text, [identified.schemeId, ...identified.rivals]);
        if (told) return this.answerScheme(told, r.fieldIntent ?? "overview", text, ctx, lang, signal);
        return this.clarify([identified.schemeId, ...identified.rivals], r.fieldIntent ?? "overview", ctx, lang, text);
      }
      return this.answerScheme(identified.schemeId, r.fieldIntent ?? "overview", text, ctx, lang, signal);
    }
    if (identified.bySound) {
      const { schemeId } = identified.bySound;
      ctx.pending = { kind: "confirm", schemeId, intent: r.fieldIntent ?? "overview", turn: ctx.turn, question: text };
      return this.say(prompts.confirmScheme(spokenName(this.k, schemeId, lang), lang), lang, "confirm", r.fieldIntent ?? "overview", [schemeId]);
    }

    // something of the caller's own ("when will my cylinder come"), no scheme named: not the helpline's to tell
    if (r.errand && !this.currentScheme(ctx)) {
      ctx.misses++;
      return this.say(prompts.outOfScope[lang], lang, "out_of_scope", "out_of_scope");
    }

    const current = this.currentScheme(ctx);
    if (current) {
      // "the insurance one": another scheme, pointed at by a kind the current one is not named for
      const pointsElsewhere = (r.kindReference || (r.designator && r.units.length > 0)) && r.units.some((u) => this.concepts.fit(current, u) < 2);
      if (pointsElsewhere) return this.offerSchemes(r.units, r, ctx, lang, signal, r.fieldIntent ?? "overview", text);
      // a word no one knows where a name would be, not "it" nor the current name misheard: another
      // scheme, garbled beyond matching; asked which, never answered for the old one
      if (r.strongField && !r.anaphora && r.unfamiliar.some((w) => !soundsLikeNameOf(this.k, w, current))) return this.say(prompts.noSchemeYet[lang], lang, "clarify", r.fieldIntent ?? "overview");
      if (r.fieldIntent || r.anaphora || r.asks.length > 0) {
        if (r.fieldIntent !== "related" || r.anaphora || wordTotal <= 4) return this.answerScheme(current, r.fieldIntent ?? "overview", text, ctx, lang, signal);
      }
    }
    // "what documents for it?" with nothing to point back to
    if (r.anaphora && r.fieldIntent && r.units.length === 0) return this.say(prompts.noSchemeYet[lang], lang, "clarify", r.fieldIntent);

    const unknown = unknownScheme(this.k, r, identified);
    if (unknown) return this.say(prompts.noSuchScheme(unknown, lang), lang, "no_info", r.fieldIntent ?? "overview");

    const evidence = questionEvidence(this.k, r, identified.nameScore);
    const unknownName = unknownNameAsked(this.k, r, evidence);
    if (unknownName !== undefined) return this.say(prompts.noSuchScheme(unknownName, lang), lang, "no_info", r.fieldIntent ?? "overview");
    // a bare request ("I want information", "koi yojana batao") has nothing out of scope in it
    const vague = r.units.length === 0 && (evidence.content === 0 || (r.designator && evidence.foreign === 0));
    if (!vague && inScopeProbability(evidence) < this.config.minInScopeProbability) {
      ctx.misses++;
      return this.say(prompts.outOfScope[lang], lang, "out_of_scope", "out_of_scope");
    }
    // a concept a fifth of all schemes are filed under ("financial assistance") narrows nothing
    const narrowing = telling(this.k, r.units);
    if (narrowing.length > 0) return this.offerSchemes(narrowing, r, ctx, lang, signal, r.fieldIntent ?? "overview", text);
    if (vague || r.units.length > 0 || r.nlu.best === "eligibility_check" || r.nlu.best === "list" || r.control === "help") return this.offerTopics(ctx, lang);

    // words the knowledge base knows but that name no concept: what search finds, if one stands out
    const top = identified.hits[0];
    if (!top || top.score < this.config.minSearchScore) return this.offerTopics(ctx, lang);
    const close = distinctSchemes(this.k, identified.hits.filter((h) => h.score >= top.score * (1 - this.config.clarifyMargin)));
    if (close.length === 1) return this.answerScheme(close[0]!, r.fieldIntent ?? "overview", text, ctx, lang, signal);
    return this.clarify(close.slice(0, this.config.maxOptions), r.fieldIntent ?? "overview", ctx, lang, text);
  }

  private currentScheme(ctx: DialogueContext): string | undefined {
    const c = ctx.currentScheme;
    if (!c || ctx.turn - c.turn > this.config.contextTurns || !this.kb.store.has(c.id)) return undefined;
    return c.id;
  }

  private pool(record: SchemeRecord, lang: AnswerLang): Unit[] {
    const key = `${record.schemeId}|${lang}`;
    let pool = this.pools.get(key);
    if (!pool) {
      pool = unitPool(record, lang, this.config.maxWordsPerTurn);
      if (this.pools.size >= POOL_CACHE) this.pools.delete(this.pools.keys().next().value!);
      this.pools.set(key, pool);
    }
    return pool;
  }

  private async answerScheme(id: string, intent: Intent, question: string | undefined, ctx: DialogueContext, lang: AnswerLang, signal?: AbortSignal, aboutCaller = false): Promise<Reply> {
    const record = await this.kb.store.get(id);
    if (!record) return this.say(prompts.noSchemeYet[lang], lang, "clarify", intent);
    ctx.currentScheme = { id, turn: ctx.turn };
    ctx.mentioned = [{ id, turn: ctx.turn }, ...ctx.mentioned.filter((m) => m.id !== id)].slice(0, 5);
    if (intent === "related") {
      const related = await this.kb.search.related(id, LIST_SIZE_RELATED);
      return this.say(prompts.relatedIntro(related.map((r) => spokenName(this.k, r.schemeId, lang)), lang), lang, "list", "related", related.map((r) => r.schemeId));
    }
    const r = question && !aboutCaller ? readText(this.k, question) : undefined;
    const asked = r ? schemeQuestion(r, record, this.kb.store.metaOf(id)?.aliases ?? [], this.kb.store.lexicon, this.background) : { words: { english: [], hindi: [], sounds: [] }, asks: [] };
    // "how old must I be" is about who can apply, whatever word of amount it uses
    const field = asked.asks.includes("age") && (intent === "benefits" || intent === "overview") ? "eligibility" : (FIELD_OF[intent] ?? "description");
    const budget = this.config.maxWordsPerTurn;
    const pool = this.pool(record, lang);
    const ranking = rankUnits(pool, field, asked.words, asked.asks, budget, lang, intent !== "overview");
    const nameSaid = spokenName(this.k, id, lang);
    const intro: Segment[] = [{ text: `${nameSaid.replace(/[.:]+$/, "")}:`, lang: /[\u0900-\u097f]/.test(nameSaid) ? "hi" : "en" }];
    if (ranking.picked === 0 && !fieldHasText(record, field, lang) && field !== "description") return this.noInfo(record, field, lang, intent, intro);
    if (pool.length === 0) return this.noInfo(record, field, lang, intent, intro);
    const spoken = speakFrom(pool, { schemeId: id, field, lang, order: ranking.order, position: 0 }, budget);
    ctx.cursor = spoken.cursor;
    const said = ranking.picked ? ranking.field : field;
    let segments = [...intro, ...withHindiPreface(spoken.segments, said, lang)];
    let source: Reply["source"] = "composed";
    if (this.generator) {
      const generator = this.generator;
      const request = { question: question ?? "", lang, schemeName: schemeName(this.k, id, lang), facts: spoken.segments.map((s) => s.text), record };
      const generated = await retryOnce(() => generator.reword(request, signal), this.config.llm.retryBackoffMs, signal).catch((err: unknown) => {
        this.log?.warn({ err: (err as Error).message }, "LLM rewording failed; using the composed answer");
        return null;
      });
      if (generated) {
        segments = [...intro.filter((s) => s.lang === lang), { text: generated, lang }];
        source = "llm";
      }
    }
    const reply = this.say("", lang, "answer", intent, [id], sayEachLinkOnce(withEnding(segments, said, lang, spoken.hasMore)), said);
    reply.hasMore = spoken.hasMore;
    reply.source = source;
    return reply;
  }

  private noInfo(record: SchemeRecord, field: Field, lang: AnswerLang, intent: Intent, intro: Segment[]): Reply {
    const name = spokenName(this.k, record.schemeId, lang);
    const about = lang === "hi" && record.description.hi ? record.description.hi : record.description.en;
    const first = sentences(about)[0] ?? "";
    const aboutLang = lang === "hi" && record.description.hi ? "hi" : "en";
    const segments: Segment[] = [...intro, ...(first && field !== "description" ? [{ text: first, lang: aboutLang as AnswerLang }] : []), { text: prompts.noInfo(field, name, lang), lang }];
    return this.say("", lang, "no_info", intent, [record.schemeId], segments, field);
  }

  private clarify(options: string[], intent: Intent, ctx: DialogueContext, lang: AnswerLang, question: string): Reply {
    const shown = options.slice(0, this.config.maxOptions);
    ctx.pending = { kind: "choose", options: shown, candidates: shown, intent, turn: ctx.turn, question };
    return this.say(prompts.chooseAmong(shown.map((id) => choiceName(this.k, id, lang)), lang), lang, "clarify", intent, shown);
  }

  /** A kind of help: one clear scheme is answered; several are offered by name with keypad numbers. */
  private async offerSchemes(units: Reading["units"], r: Reading, ctx: DialogueContext, lang: AnswerLang, signal: AbortSignal | undefined, intent: Intent, question = ""): Promise<Reply> {
    const choice = await chooseSchemes(this.k, units, r, ctx.profile.state, lang, signal);
    if (choice.kind === "topics") return this.offerTopics(ctx, lang);
    if (choice.kind === "answer") {
      if (choice.clearPending) ctx.pending = undefined;
      return this.answerScheme(choice.schemeId, intent, question || r.text, ctx, lang, signal);
    }
    const { options, candidates } = choice;
    ctx.pending = { kind: "choose", options, candidates, intent, turn: ctx.turn, question: question || r.text };
    return this.say(prompts.categoryChoice(options.map((id) => choiceName(this.k, id, lang)), lang), lang, "clarify", intent, options);
  }

  /** "Who is it for?": the beneficiary groups most schemes serve, with keypad numbers. */
  private offerTopics(ctx: DialogueContext, lang: AnswerLang): Reply {
    const groups = topicGroups(this.k);
    ctx.pending = { kind: "topic", options: groups, turn: ctx.turn };
    return this.say(prompts.topicChoice(groups.map((g) => prompts.groupName(g, lang)), lang), lang, "clarify", "list");
  }

  private async onDigit(digit: string, ctx: DialogueContext, signal?: AbortSignal): Promise<Reply> {
    if (digit === "0") return this.say(prompts.transfer[ctx.lang], ctx.lang, "transfer", "human");
    if (digit === "#" && ctx.lastReply) return { ...ctx.lastReply, action: "repeat", intent: "repeat" };
    const n = Number(digit);
    const pending = ctx.pending;
    if (pending?.kind === "choose" && Number.isInteger(n) && n >= 1 && n <= pending.options.length) {
      ctx.pending = undefined;
      return this.answerScheme(pending.options[n - 1]!, pending.intent, pending.question, ctx, ctx.lang, signal);
    }
    if (pending?.kind === "confirm" && (n === 1 || n === 2)) {
      ctx.pending = undefined;
      if (n === 1) return this.answerScheme(pending.schemeId, pending.intent, pending.question, ctx, ctx.lang, signal);
      return this.say(prompts.sayNameAgain[ctx.lang], ctx.lang, "clarify", pending.intent);
    }
    if (pending?.kind === "topic" && Number.isInteger(n) && n >= 1 && n <= pending.options.length) {
      ctx.pending = undefined;
      const group = pending.options[n - 1]!;
      return this.offerSchemes([{ label: group, group, stems: [] }], readText(this.k, ""), ctx, ctx.lang, signal, "overview");
    }
    return this.say(prompts.help[ctx.lang], ctx.lang, "help", "help");
  }

  private async onControl(intent: Intent, ctx: DialogueContext, lang: AnswerLang, signal?: AbortSignal): Promise<Reply | null> {
    switch (intent) {
      case "human":
        return this.say(prompts.transfer[lang], lang, "transfer", "human");
      case "goodbye":
        return this.say(prompts.goodbye[lang], lang, "end", "goodbye");
      case "repeat":
        return ctx.lastReply ? { ...ctx.lastReply, action: "repeat", intent: "repeat" } : this.say(prompts.nothingToRepeat[lang], lang, "help", "repeat");
      case "more":
        return this.more(ctx, lang);
      case "help": {
        // "I need help" is met with the way to a scheme: who is it for?
        const topics = this.offerTopics(ctx, lang);
        return this.say("", lang, "clarify", "help", [], [{ text: prompts.helpIntro[lang], lang }, ...topics.segments]);
      }
      case "greeting":
        return this.say(prompts.greet[lang], lang, "greet", "greeting");
      case "affirm":
        return ctx.cursor && ctx.lastReply?.hasMore ? this.more(ctx, lang) : this.say(prompts.help[lang], lang, "help", "affirm");
      case "deny":
        return this.say(prompts.help[lang], lang, "help", "deny");
      default:
        void signal;
        return null;
    }
  }

  private async more(ctx: DialogueContext, lang: AnswerLang): Promise<Reply> {
    const cursor = ctx.cursor;
    const record = cursor ? await this.kb.store.get(cursor.schemeId) : undefined;
    if (!cursor || !record || cursor.position >= cursor.order.length) return this.say(prompts.nothingMore[lang], lang, "more", "more", cursor ? [cursor.schemeId] : []);
    const pool = this.pool(record, cursor.lang);
    const spoken = speakFrom(pool, cursor, this.config.maxWordsPerTurn);
    ctx.cursor = spoken.cursor;
    ctx.currentScheme = { id: cursor.schemeId, turn: ctx.turn };
    const name = spokenName(this.k, cursor.schemeId, lang);
    const intro: Segment = { text: `${name.replace(/[.:]+$/, "")}:`, lang: /[\u0900-\u097f]/.test(name) ? "hi" : "en" };
    const segments = withEnding([intro, ...withHindiPreface(spoken.segments, cursor.field, lang)], cursor.field, lang, spoken.hasMore);
    const reply = this.say("", lang, "more", "more", [cursor.schemeId], sayEachLinkOnce(segments), cursor.field);
    reply.hasMore = spoken.hasMore;
    return reply;
  }

  private say(text: string, lang: AnswerLang, action: Action, intent: Intent, schemeIds: string[] = [], segments?: Segment[], field?: Field): Reply {
    const segs = segments ?? [{ text, lang }];
    return { text: joinSegments(segs), lang, segments: segs, action, intent, schemeIds, field, source: segments ? "composed" : "prompt" };
  }

  private remember(ctx: DialogueContext, reply: Reply): Reply {
    ctx.lastReply = reply;
    ctx.lastIntent = reply.intent;
    if (reply.field) ctx.lastField = reply.field;
    if (reply.action !== "out_of_scope") ctx.misses = 0;
    return reply;
  }
}

/** Related schemes named after a question for "similar schemes". */
const LIST_SIZE_RELATED = 3;

/** In a Hindi answer, English text is announced in Hindi right before it is spoken. */
function withHindiPreface(segments: Segment[], field: Field, lang: AnswerLang): Segment[] {
  const first = segments.findIndex((s) => s.lang === "en");
  if (lang !== "hi" || first < 0) return segments;
  return [...segments.slice(0, first), { text: prompts.englishFollows(field), lang: "hi" }, ...segments.slice(first)];
}

export { pickIntent, sanitize };
