// respond(utterance, context) → Reply: the helpline's understanding and answering, text in, text out.
import type { Config, DialogueConfig } from "../config.js";
import { schemeNameIn, type KnowledgeBase, type SchemeRecord, type SearchHit } from "../knowledge/index.js";
import { canonicalTokens, nativeTokens, phoneticKey, romanTokens } from "../knowledge/text.js";
import type { Logger } from "../ops/log.js";
import { contentWords, fieldChunks, joinSegments, rankChunks, sentences, speakFrom, withEnding, withoutEnding, wordCount, type Chunk } from "./compose.js";
import { LanguageDetector, type LanguageGuess } from "./language.js";
import { retryOnce } from "../ops/retry.js";
import type { AnswerGenerator } from "./llm/generator.js";
import { DOMAIN_EXTRA, DomainVocabulary, parseAge, parseMonthlyIncome, scoreIntents, type IntentScores } from "./nlu.js";
import { mergeProfile, profileFit } from "./profile.js";
import { prompts } from "./prompts.js";
import type { Action, AnswerLang, DialogueContext, Field, Intent, Reply, Segment, Utterance } from "./types.js";

const FIELD_OF: Partial<Record<Intent, Field>> = {
  overview: "description",
  eligibility: "eligibility",
  exclusions: "exclusions",
  benefits: "benefits",
  documents: "documents",
  apply: "application",
  contact: "contact",
};

const FIELD_INTENTS: Intent[] = ["exclusions", "documents", "contact", "apply", "eligibility", "benefits", "related", "overview"];
const CONTROL_INTENTS: Intent[] = ["human", "repeat", "more", "help", "goodbye", "greeting", "affirm", "deny"];

/** Questions after a figure, where sentences with money come first. */
const AMOUNT_QUESTION = /how much|how many|amount|kitna|kitni|kitne|कितना|कितनी|कितने|राशि|எவ்வளவு|ಎಷ್ಟು|എത്ര|ఎంత|কত/i;

const ANAPHORA = /(?:^|[^a-z])(it|its|this|that|this scheme|that scheme|the scheme|iske|iska|iski|uske|uska|uski|ismein|isme|usme|usmein)(?:$|[^a-z])|इसके|इसका|इसकी|उसके|उसका|उसकी|इसमें|उसमें|इस योजना|उस योजना/i;

/** Words about what is asked, not about which scheme: left out when choosing sentences. */
const INTENT_WORDS = new Set(
  ("eligible eligibility who can cannot documents document papers apply application register registration benefits benefit " +
    "how much many what which where when tell about details information helpline number scheme yojana get give gives join " +
    "need needed required kaun kya kaise kitna kitni kitne patra labh dastavez kagaz aavedan avedan milta milti milega " +
    "registration register registered require joining avail gets getting given provide provides offer also still under " +
    "with from please want know there their they will would should could does did have has had been being these those " +
    "whom whose why can cannot eligible government govt central state sarkar sarkari सरकार सरकारी " +
    "money amount amounts rupees paisa paise rashi पैसा पैसे राशि रुपये आवेदन पात्र पात्रता लाभ दस्तावेज़ दस्तावेज " +
    "कागज़ कागज मिलता मिलती मिलेगा मिलेगी कौन सकता सकती सकते चाहिए करें कैसे कितना कितनी कितने योजना").split(" "),
);

/** A partly matched name identifies a scheme when its search score leads the next by this factor. */
const WEAK_NAME_SCORE = 0.4;
const WEAK_NAME_LEAD = 1.15;
/** A name score this high makes a scheme a candidate in a clarifying question. */
const CANDIDATE_NAME_SCORE = 0.5;
/** Names longer than this are said by their short title before an answer. */
const LONG_NAME_WORDS = 7;
/** Schemes named in the reply of an eligibility check or a list. */
const LIST_SIZE = 3;
/** Candidates kept while asking about the caller's situation. */
const PROFILE_CANDIDATES = 6;

interface Identified {
  hits: SearchHit[];
  schemeId?: string;
  /** Other schemes the words fit about as well (a clarifying question names them). */
  rivals: string[];
}

export interface DialogueOptions {
  generator?: AnswerGenerator | null;
  log?: Logger;
}

export class DialogueEngine {
  private constructor(
    private readonly kb: KnowledgeBase,
    private readonly config: DialogueConfig,
    private readonly languages: LanguageDetector,
    private readonly domain: DomainVocabulary,
    private readonly generator: AnswerGenerator | null,
    private readonly log?: Logger,
  ) {}

  static async create(kb: KnowledgeBase, config: Config, options: DialogueOptions = {}): Promise<DialogueEngine> {
    const languages = await LanguageDetector.create({ log: options.log });
    const domain = new DomainVocabulary(kb.store.lexicon, DOMAIN_EXTRA);
    return new DialogueEngine(kb, config.dialogue, languages, domain, options.generator ?? null, options.log);
  }

  /** Answers one caller turn; updates the context in place. */
  async respond(utterance: Utterance, ctx: DialogueContext, signal?: AbortSignal): Promise<Reply> {
    ctx.turn++;
    const text = sanitize(utterance.text ?? "", this.config.maxInputChars);
    if (utterance.dtmf) return this.remember(ctx, await this.onDigit(utterance.dtmf, ctx, signal));
    if (!text) return this.remember(ctx, this.say(prompts.empty[ctx.lang], ctx.lang, "help", "help"));
    const guess = this.languages.detect(text, utterance.lang);
    ctx.lang = guess.answerLang;
    const reply = await this.understandAndAnswer(text, guess, ctx, signal);
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
    ctx.turn++;
    const reply = await this.answerScheme(schemeId, intent, "", ctx, ctx.lang, signal);
    return this.remember(ctx, reply.action === "answer" ? withoutEnding(reply) : reply);
  }

  /** The rest of the last answer (keypad "more"). */
  async continueAnswer(ctx: DialogueContext): Promise<Reply> {
    ctx.turn++;
    const reply = await this.more(ctx, ctx.lang);
    return this.remember(ctx, reply.action === "more" && reply.source !== "prompt" ? withoutEnding(reply) : reply);
  }

  private async understandAndAnswer(text: string, guess: LanguageGuess, ctx: DialogueContext, signal?: AbortSignal): Promise<Reply> {
    const lang = guess.answerLang;
    const nlu = scoreIntents(text);
    const fieldIntent = pickIntent(nlu, FIELD_INTENTS);
    const wordTotal = nativeTokens(text).length;
    ctx.profile = mergeProfile(ctx.profile, {
      age: parseAge(text),
      monthlyIncome: parseMonthlyIncome(text),
      state: this.kb.search.stateIn(text),
      beneficiaries: this.kb.store.lexicon.beneficiariesIn(text),
    });
    const aboutSelf = parseAge(text) !== undefined || parseMonthlyIncome(text) !== undefined || this.kb.store.lexicon.beneficiariesIn(text).length > 0;

    if (ctx.pending?.kind === "choose") {
      const chosen = this.resolveChoice(text, ctx.pending.options);
      if (chosen) {
        const intent = fieldIntent ?? ctx.pending.intent;
        // the sentences are chosen for the question asked, not for "the rural one"
        const question = fieldIntent ? text : ctx.pending.question;
        ctx.pending = undefined;
        return this.answerScheme(chosen, intent, question, ctx, lang, signal);
      }
    }

    const identified = await this.identify(text, signal);
    const control = pickIntent(nlu, CONTROL_INTENTS);
    // "help", "repeat" alone, and goodbyes or requests for a person without a new question, come first
    const bareControl = control !== undefined && !fieldIntent && (wordTotal <= 3 || control === "goodbye" || control === "human");
    if (control && (bareControl || (!identified.schemeId && (wordTotal <= 6 || control === "human" || !fieldIntent)))) {
      const reply = await this.onControl(control, ctx, lang, signal);
      if (reply) return reply;
    }

    if (ctx.pending?.kind === "profile" && aboutSelf && !identified.schemeId) {
      return this.checkEligibility(text, ctx, lang, ctx.pending.candidates, signal);
    }

    if (identified.schemeId) {
      ctx.pending = undefined;
      const bare = !fieldIntent || fieldIntent === "overview";
      if (identified.rivals.length > 0 && bare) return this.clarify([identified.schemeId, ...identified.rivals], "overview", ctx, lang, text);
      return this.answerScheme(identified.schemeId, fieldIntent ?? "overview", text, ctx, lang, signal);
    }

    const current = this.currentScheme(ctx);
    if (current && (fieldIntent || ANAPHORA.test(text)) && nlu.best !== "list" && nlu.best !== "eligibility_check") {
      return this.answerScheme(current, fieldIntent ?? "overview", text, ctx, lang, signal);
    }
    // "what documents for it?" with nothing to point back to
    if (fieldIntent === "related" || (fieldIntent && ANAPHORA.test(text))) return this.say(prompts.noSchemeYet[lang], lang, "clarify", fieldIntent);

    if (nlu.best === "eligibility_check" || (aboutSelf && nlu.best !== "list" && this.domain.count(text) > 0 && !fieldIntent)) {
      return this.checkEligibility(text, ctx, lang, [], signal);
    }

    const inDomain = this.domain.count(text) > 0 || (identified.hits[0]?.nameScore ?? 0) >= this.config.nameThreshold;
    const top = identified.hits[0];
    if (!inDomain || !top || top.score < this.config.minSearchScore) {
      ctx.misses++;
      return this.say(prompts.outOfScope[lang], lang, "out_of_scope", "out_of_scope");
    }
    if (nlu.best === "list" || (ctx.profile.state && /schemes|yojanaen|yojanayen|योजनाएं|योजनाएँ/i.test(text))) {
      return this.list(text, ctx, lang, signal);
    }
    let close = this.distinct(identified.hits.filter((h) => h.score >= top.score * (1 - this.config.clarifyMargin)));
    const statedState = this.kb.search.stateIn(text);
    const ofState = close.filter((id) => statedState && this.kb.store.metaOf(id)?.state === statedState);
    if (ofState.length) close = ofState;
    if (close.length === 1) return this.answerScheme(close[0]!, fieldIntent ?? "overview", text, ctx, lang, signal);
    if (close.length <= this.config.maxOptions) return this.clarify(close, fieldIntent ?? "overview", ctx, lang, text);
    return this.askProfile(this.distinct(identified.hits).slice(0, PROFILE_CANDIDATES), fieldIntent ?? "eligibility", ctx, lang);
  }

  /** Which scheme the words name, if one stands out; and close rivals. */
  private async identify(text: string, signal?: AbortSignal): Promise<Identified> {
    const hits = await this.kb.search.search(text, { limit: 8, signal });
    const [top] = hits;
    if (!top) return { hits, rivals: [] };
    // a name shared by several schemes ("IGNOAPS" and its state variants) still names the one that
    // stands clearly ahead once usefulness and the other words are counted
    const runnerUp = hits.find((h) => h.schemeId !== top.schemeId && !(this.kb.store.metaOf(top.schemeId)?.duplicates ?? []).includes(h.schemeId));
    const named = top.nameScore >= this.config.nameThreshold || (top.nameScore >= WEAK_NAME_SCORE && top.score >= WEAK_NAME_LEAD * (runnerUp?.score ?? 0));
    if (!named) return { hits, rivals: [] };
    const duplicates = new Set(this.kb.store.metaOf(top.schemeId)?.duplicates ?? []);
    const rivals = this.distinct(
      hits.filter((h) => h.schemeId !== top.schemeId && !duplicates.has(h.schemeId) && h.nameScore >= CANDIDATE_NAME_SCORE && h.score >= top.score * (1 - this.config.clarifyMargin)),
    ).slice(0, this.config.maxOptions - 1);
    return { hits, schemeId: top.schemeId, rivals };
  }

  /** Scheme ids with the data's duplicate slugs folded into the first (richest-ranked) one. */
  private distinct(hits: SearchHit[]): string[] {
    const out: string[] = [];
    const seen = new Set<string>();
    for (const h of hits) {
      if (seen.has(h.schemeId)) continue;
      out.push(h.schemeId);
      seen.add(h.schemeId);
      for (const d of this.kb.store.metaOf(h.schemeId)?.duplicates ?? []) seen.add(d);
    }
    return out;
  }

  private currentScheme(ctx: DialogueContext): string | undefined {
    const c = ctx.currentScheme;
    if (!c || ctx.turn - c.turn > this.config.contextTurns || !this.kb.store.has(c.id)) return undefined;
    return c.id;
  }

  private name(id: string, lang: AnswerLang): string {
    const meta = this.kb.store.metaOf(id);
    return meta ? schemeNameIn(meta, lang) : id;
  }

  /** The name said before an answer: the full name, or the short title when the name is a mouthful. */
  private spokenName(id: string, lang: AnswerLang): string {
    const meta = this.kb.store.metaOf(id);
    const full = this.name(id, lang);
    // a Hindi answer keeps the Hindi name, however long, so the voice does not switch for it
    if (!meta || wordCount(full) <= LONG_NAME_WORDS || (lang === "hi" && meta.nameHi)) return full;
    const short = meta.shortTitle.trim();
    return short && short.length <= 15 && /^[A-Za-z][A-Za-z .-]*[A-Za-z0-9.]$/.test(short) ? short : full;
  }

  private async answerScheme(id: string, intent: Intent, question: string, ctx: DialogueContext, lang: AnswerLang, signal?: AbortSignal, aboutCaller = false): Promise<Reply> {
    const record = await this.kb.store.get(id);
    if (!record) return this.say(prompts.noSchemeYet[lang], lang, "clarify", intent);
    const switched = ctx.currentScheme?.id !== id;
    ctx.currentScheme = { id, turn: ctx.turn };
    ctx.mentioned = [{ id, turn: ctx.turn }, ...ctx.mentioned.filter((m) => m.id !== id)].slice(0, 5);
    if (intent === "related") {
      const related = await this.kb.search.related(id, LIST_SIZE);
      return this.say(prompts.relatedIntro(related.map((r) => this.name(r.schemeId, lang)), lang), lang, "list", "related", related.map((r) => r.schemeId));
    }
    const field = FIELD_OF[intent] ?? "description";
    const budget = this.config.maxWordsPerTurn;
    const { chunks } = fieldChunks(record, field, lang, budget);
    const primaryCount = chunks.filter((c) => c.weight === 1).length;
    // the scheme's own name (in any spelling) and state say nothing about which sentence to pick
    const nameText = [record.name.en, record.name.hi ?? "", record.shortTitle ?? "", record.state ?? "", ...this.kb.store.metaOf(id)!.aliases].join(" ");
    const nameKeys = new Set(canonicalTokens(nameText).map(phoneticKey));
    const nameWords = new Set(nativeTokens(nameText));
    const excluded = (w: string) => this.kb.store.lexicon.isNoise(w) || INTENT_WORDS.has(w) || nameWords.has(w) || canonicalTokens(w).some((t) => nameKeys.has(phoneticKey(t)));
    const own = aboutCaller ? [] : contentWords(question, excluded);
    const words = [...own, ...this.englishWords(own.join(" "), record)];
    // "facts that matter first": for benefits, sentences with money lead
    const ranked = rankChunks(chunks, words, intent === "benefits" || AMOUNT_QUESTION.test(question), field === "application");
    const order = intent === "overview" && ranked.matched === 0 ? overviewOrder(chunks) : ranked.order;
    const intro: Segment[] = [];
    if (switched) {
      const spoken = this.spokenName(id, lang);
      intro.push({ text: `${spoken.replace(/[.:]+$/, "")}:`, lang: /[\u0900-\u097f]/.test(spoken) ? "hi" : "en" });
    }
    if (primaryCount === 0 && order.length === 0) {
      return this.noInfo(record, field, lang, intent, intro);
    }
    const spoken = speakFrom(chunks, { schemeId: id, field, lang, order, position: 0 }, budget);
    ctx.cursor = spoken.cursor;
    let segments = [...intro, ...withHindiPreface(spoken.segments, field, lang)];
    let source: Reply["source"] = "composed";
    if (this.generator) {
      const generator = this.generator;
      const request = { question, lang, schemeName: this.name(id, lang), facts: spoken.segments.map((s) => s.text), record };
      const generated = await retryOnce(() => generator.reword(request, signal), this.config.llm.retryBackoffMs, signal).catch((err: unknown) => {
        this.log?.warn({ err: (err as Error).message }, "LLM rewording failed; using the composed answer");
        return null;
      });
      if (generated) {
        segments = [...intro.filter((s) => s.lang === lang), { text: generated, lang }];
        source = "llm";
      }
    }
    const reply = this.say("", lang, "answer", intent, [id], withEnding(segments, field, lang, spoken.hasMore), field);
    reply.hasMore = spoken.hasMore;
    reply.source = source;
    return reply;
  }

  /** English words for a Hindi question about an English-only field. */
  private englishWords(question: string, record: SchemeRecord): string[] {
    const nameWords = new Set(nativeTokens(record.name.en));
    return this.kb.store.lexicon.englishFor(question).flatMap((w) => nativeTokens(w)).filter((w) => !nameWords.has(w) && !INTENT_WORDS.has(w)).map((w) => w.slice(0, 5));
  }

  private noInfo(record: SchemeRecord, field: Field, lang: AnswerLang, intent: Intent, intro: Segment[]): Reply {
    const name = this.name(record.schemeId, lang);
    const about = lang === "hi" && record.description.hi ? record.description.hi : record.description.en;
    const first = sentences(about)[0] ?? "";
    const aboutLang = lang === "hi" && record.description.hi ? "hi" : "en";
    const segments: Segment[] = [...intro, ...(first && field !== "description" ? [{ text: first, lang: aboutLang }] : []), { text: prompts.noInfo(field, name, lang), lang }];
    return this.say("", lang, "no_info", intent, [record.schemeId], segments, field);
  }

  private clarify(options: string[], intent: Intent, ctx: DialogueContext, lang: AnswerLang, question: string): Reply {
    const shown = options.slice(0, this.config.maxOptions);
    ctx.pending = { kind: "choose", options: shown, intent, turn: ctx.turn, question };
    return this.say(prompts.chooseAmong(shown.map((id) => this.name(id, lang)), lang), lang, "clarify", intent, shown);
  }

  private askProfile(candidates: string[], intent: Intent, ctx: DialogueContext, lang: AnswerLang): Reply {
    const asked = ctx.pending?.kind === "profile" ? ctx.pending.asked + 1 : 1;
    ctx.pending = { kind: "profile", candidates, intent, asked, turn: ctx.turn };
    return this.say(prompts.askProfile("age_work", lang), lang, "clarify", "eligibility_check", candidates);
  }

  /** Matches what the caller said about themselves against candidate schemes. */
  private async checkEligibility(text: string, ctx: DialogueContext, lang: AnswerLang, pendingCandidates: string[], signal?: AbortSignal): Promise<Reply> {
    const profile = ctx.profile;
    const known = profile.beneficiaries.length > 0 || profile.age !== undefined || profile.monthlyIncome !== undefined;
    const asked = ctx.pending?.kind === "profile" ? ctx.pending.asked : 0;
    if (!known && asked < this.config.maxProfileQuestions) return this.askProfile(pendingCandidates, "eligibility", ctx, lang);
    const query = [text, ...profile.beneficiaries].join(" ");
    const hits = await this.kb.search.search(query, { limit: 15, state: profile.state, signal });
    const ids = [...new Set([...pendingCandidates, ...this.distinct(hits)])];
    const records = await this.kb.store.getMany(ids);
    const searchScore = new Map(hits.map((h) => [h.schemeId, h.score]));
    const fits = ids
      .map((id) => {
        const fit = profileFit(this.kb.store.metaOf(id)!, records.get(id), profile);
        return { id, score: fit.score + 0.3 * (searchScore.get(id) ?? 0) + (pendingCandidates.includes(id) ? 0.3 : 0) };
      })
      .filter((f) => Number.isFinite(f.score))
      .sort((a, b) => b.score - a.score);
    ctx.pending = undefined;
    const best = fits[0];
    if (!best) return this.say(prompts.noMatchingSchemes[lang], lang, "answer", "eligibility_check");
    const others = fits.slice(1, LIST_SIZE).map((f) => f.id);
    const answer = await this.answerScheme(best.id, "eligibility", text, ctx, lang, signal, true);
    if (others.length) {
      const also = lang === "hi" ? `ये योजनाएँ भी देख सकते हैं: ${others.map((id) => this.name(id, lang)).join("; ")}।` : `You may also look at: ${others.map((id) => this.name(id, lang)).join("; ")}.`;
      answer.segments.splice(answer.segments.length - 1, 0, { text: also, lang });
      answer.text = joinSegments(answer.segments);
      answer.schemeIds = [best.id, ...others];
    }
    answer.intent = "eligibility_check";
    ctx.mentioned = [...ctx.mentioned, ...others.map((id) => ({ id, turn: ctx.turn }))].slice(0, 5);
    return answer;
  }

  private async list(text: string, ctx: DialogueContext, lang: AnswerLang, signal?: AbortSignal): Promise<Reply> {
    const beneficiary = ctx.profile.beneficiaries[0];
    const hits = await this.kb.search.search(text, { limit: 10, state: ctx.profile.state, beneficiary, signal }).catch(() => this.kb.search.search(text, { limit: 10, signal }));
    const ids = this.distinct(hits).slice(0, LIST_SIZE);
    if (!ids.length) return this.say(prompts.noMatchingSchemes[lang], lang, "list", "list");
    const what = lang === "hi" ? [beneficiary, ctx.profile.state].filter(Boolean).join(", ") || "आपके सवाल" : `for ${[beneficiary ? `${beneficiary}s` : "you", ctx.profile.state ? `in ${ctx.profile.state}` : ""].filter(Boolean).join(" ")}`;
    ctx.pending = { kind: "choose", options: ids, intent: "overview", turn: ctx.turn, question: "" };
    return this.say(prompts.listIntro(what, ids.map((id) => this.name(id, lang)), lang), lang, "list", "list", ids);
  }

  /** Picks an option from "the rural one", "पहला", "gramin", "2" or the option's name. */
  private resolveChoice(text: string, options: string[]): string | undefined {
    const ordinal = ordinalIn(text);
    if (ordinal !== undefined && ordinal < options.length) return options[ordinal];
    const said = new Set([...nativeTokens(text), ...romanTokens(text), ...this.kb.store.lexicon.englishFor(text).flatMap((w) => nativeTokens(w))].map((w) => w.slice(0, 5)));
    let best: { id: string; score: number } | undefined;
    for (const id of options) {
      const meta = this.kb.store.metaOf(id);
      if (!meta) continue;
      const nameText = [meta.name, meta.nameHi, meta.shortTitle, ...meta.aliases].join(" ");
      const optionWords = new Set([...nativeTokens(nameText), ...romanTokens(nameText), ...this.kb.store.lexicon.englishFor(nameText).flatMap((w) => nativeTokens(w))].map((w) => w.slice(0, 5)));
      // words every option shares ("pradhan", "awas") decide nothing
      const shared = options.filter((o) => o !== id).map((o) => this.kb.store.metaOf(o)).filter(Boolean);
      let score = 0;
      for (const w of said) {
        if (w.length < 3 || !optionWords.has(w)) continue;
        const common = shared.every((m) => nativeTokens([m!.name, m!.nameHi, ...m!.aliases].join(" ")).some((x) => x.startsWith(w)));
        if (!common) score++;
      }
      if (score > 0 && (!best || score > best.score)) best = { id, score };
      else if (best && score === best.score) best = undefined;
    }
    return best?.id;
  }

  private async onDigit(digit: string, ctx: DialogueContext, signal?: AbortSignal): Promise<Reply> {
    if (digit === "0") return this.say(prompts.transfer[ctx.lang], ctx.lang, "transfer", "human");
    if (digit === "#" && ctx.lastReply) return { ...ctx.lastReply, action: "repeat", intent: "repeat" };
    const n = Number(digit);
    if (ctx.pending?.kind === "choose" && Number.isInteger(n) && n >= 1 && n <= ctx.pending.options.length) {
      const chosen = ctx.pending.options[n - 1]!;
      const { intent, question } = ctx.pending;
      ctx.pending = undefined;
      return this.answerScheme(chosen, intent, question, ctx, ctx.lang, signal);
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
      case "help":
        return this.say(prompts.help[lang], lang, "help", "help");
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
    const { chunks } = fieldChunks(record, cursor.field, cursor.lang, this.config.maxWordsPerTurn);
    const spoken = speakFrom(chunks, cursor, this.config.maxWordsPerTurn);
    ctx.cursor = spoken.cursor;
    ctx.currentScheme = { id: cursor.schemeId, turn: ctx.turn };
    const reply = this.say("", lang, "more", "more", [cursor.schemeId], withEnding(withHindiPreface(spoken.segments, cursor.field, lang), cursor.field, lang, spoken.hasMore), cursor.field);
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

/** In a Hindi answer, English text is announced in Hindi right before it is spoken. */
function withHindiPreface(segments: Segment[], field: Field, lang: AnswerLang): Segment[] {
  const first = segments.findIndex((s) => s.lang === "en");
  if (lang !== "hi" || first < 0) return segments;
  return [...segments.slice(0, first), { text: prompts.englishFollows(field), lang: "hi" }, ...segments.slice(first)];
}

function pickIntent(nlu: IntentScores, among: Intent[]): Intent | undefined {
  let best: Intent | undefined;
  for (const intent of among) {
    const s = nlu.scores[intent];
    if (s !== undefined && (best === undefined || s > nlu.scores[best]!)) best = intent;
  }
  return best;
}

/** Overview: what it is, then how much, then who — the first description sentence, a benefit with a figure, an eligibility line. */
function overviewOrder(chunks: Chunk[]): number[] {
  const primary = chunks.map((c, i) => ({ c, i })).filter((x) => x.c.weight === 1);
  const borrowed = chunks.map((c, i) => ({ c, i })).filter((x) => x.c.weight !== 1 && x.c.weight > 0.5);
  const withFigure = borrowed.find((x) => /\d/.test(x.c.text));
  const order: number[] = [];
  if (primary[0]) order.push(primary[0].i);
  if (withFigure) order.push(withFigure.i);
  for (const p of primary.slice(1)) order.push(p.i);
  return order;
}

// "one"/"ek" count only on their own ("the rural one" is not the first option)
const ORDINALS: [RegExp, number][] = [
  [/(?:^|[^a-z])(first|1st|pehla|pahla|pehli|pahli|pehle wala)(?:$|[^a-z])|^\s*(?:number |option )?(?:one|ek|1)\s*$|पहला|पहली|पहले वाला/i, 0],
  [/(?:^|[^a-z])(second|2nd|dusra|doosra|dusri|doosri)(?:$|[^a-z])|^\s*(?:number |option )?(?:two|do|2)\s*$|दूसरा|दूसरी|दूसरे वाला/i, 1],
  [/(?:^|[^a-z])(third|3rd|teesra|tisra|teesri)(?:$|[^a-z])|^\s*(?:number |option )?(?:three|teen|3)\s*$|तीसरा|तीसरी/i, 2],
];

function ordinalIn(text: string): number | undefined {
  for (const [re, n] of ORDINALS) if (re.test(text)) return n;
  return undefined;
}

/** Caller text made safe to process: no control characters, bounded length. */
export function sanitize(text: string, maxChars: number): string {
  let t = text.normalize("NFC").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, " ").replace(/\s+/g, " ").trim();
  if (t.length > maxChars) t = t.slice(0, maxChars).replace(/\s+\S*$/, "");
  return t;
}
