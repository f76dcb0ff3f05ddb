// respond(utterance, context) → Reply: the helpline's understanding and answering, text in, text out.
//
// One turn: a pending question is resolved first (a choice of schemes, "did you mean …?", "who is it
// for?"), then requests to the helpline itself (a person, goodbye, repeat, more, help). A scheme the caller
// names — in the words, in the recogniser's other readings, or heard by the acoustic scorer — is answered
// (or offered for a yes/no when it rests on sound alone); a follow-up stays with the scheme spoken of unless
// it points at another one by its kind; a scheme the knowledge base lacks is said to be unknown. Questions
// about something else are refused by a calibrated decision; a kind of help gets a short choice of schemes;
// a vague request gets "who is it for?".
import type { Config, DialogueConfig } from "../config.js";
import { BackgroundLanguage, SchemeConcepts, schemeNameIn, type KnowledgeBase, type SchemeRecord, type SearchHit } from "../knowledge/index.js";
import { canonicalTokens, foldSpelling, nativeTokens, phoneticKey, romanTokens, stemEnglish } from "../knowledge/text.js";
import type { Logger } from "../ops/log.js";
import { retryOnce } from "../ops/retry.js";
import { rankFitting } from "./choice.js";
import { joinSegments, rankUnits, speakFrom, withEnding, withoutEnding } from "./compose.js";
import { fieldHasText, sentences, unitPool, wordCount, type Unit } from "./units.js";
import { LanguageDetector, type LanguageGuess } from "./language.js";
import type { AnswerGenerator } from "./llm/generator.js";
import { FRAME_WORDS, RUNNER_WORDS } from "./nlu.js";
import { mergeProfile, profileFit } from "./profile.js";
import { prompts } from "./prompts.js";
import { schemeQuestion } from "./question.js";
import { pickIntent, readWords, type Reading } from "./reading.js";
import { inScopeProbability, scopeEvidence } from "./scope.js";
import { isShortFormOf, sayEachLinkOnce, speakableShortForm } from "./speakable.js";
import { oneOfTwins } from "./twins.js";
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

/** A word of a scheme's name filed under this many schemes' names or tags is a kind of help, not a name. */
const GENERIC_CONCEPT_SCHEMES = 5;
/** A word of the caller's that at most this many schemes use names a thing of one of them ("Agniveer"). */
const RARE_WORD_SCHEMES = 5;
/** An unknown name is answered "no details" when the question is at least this share of in-scope-enough. */
const UNKNOWN_NAME_SCOPE = 0.6;
/** Schemes a choice keeps for what the caller says about themselves next. */
const PROFILE_CANDIDATES = 40;
/** A concept this share of all schemes is filed under is too broad to choose schemes by. */
const BROAD_CONCEPT_SHARE = 0.2;
/** Name scores this close are equally good names. */
const NAME_TIE = 0.02;
/** A name score this high makes a scheme a rival in a clarifying question. */
const RIVAL_NAME_GAP = 0.08;
/** Names longer than this (words) are said by a shorter form before an answer. */
const LONG_NAME_WORDS = 6;
/** Choices of schemes offered at once. */
const CHOICE_SIZE = 3;
/** Beneficiary groups offered to a vague request. */
const TOPIC_SIZE = 5;
/** Cached sentence pools of records (per scheme and language). */
const POOL_CACHE = 64;
/** A recogniser alternative counts this much of the first reading. */
const ALTERNATIVE_FACTOR = 0.9;

interface Identified {
  hits: SearchHit[];
  schemeId?: string;
  /** Other schemes named about as well (a clarifying question names them). */
  rivals: string[];
  /** The best name score of any scheme. */
  nameScore: number;
  /** The scheme rests on sound alone (a recogniser alternative or the acoustic scorer). */
  bySound?: { schemeId: string; score: number };
}

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

  private read(text: string): Reading {
    return readWords(text, {
      concepts: this.concepts,
      background: this.background,
      stateIn: (t) => this.kb.search.stateIn(t),
      beneficiariesIn: (t) => this.kb.store.lexicon.beneficiariesIn(t),
      meanings: (w) => this.kb.store.lexicon.englishFor(w),
    });
  }

  private async understandAndAnswer(text: string, utterance: Utterance, guess: LanguageGuess, ctx: DialogueContext, signal?: AbortSignal): Promise<Reply> {
    const lang = guess.answerLang;
    const r = this.read(text);
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
      const chosen = this.resolveChoice(text, pending.options);
      if (chosen) {
        ctx.pending = undefined;
        // the sentences are chosen for the question asked, not for "the rural one"
        const question = r.fieldIntent ? text : pending.question;
        return this.answerScheme(chosen, r.fieldIntent ?? pending.intent, question, ctx, lang, signal);
      }
    }
    if (pending?.kind === "topic") {
      const group = this.resolveTopic(text, pending.options);
      if (group) {
        ctx.pending = undefined;
        return this.offerSchemes([{ label: group, group, stems: [] }], r, ctx, lang, signal, "overview");
      }
    }

    const found = await this.identify(text, r, utterance, signal);
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
      const best = await this.bestForProfile(pending.candidates, ctx);
      if (best) {
        ctx.pending = undefined;
        return this.answerScheme(best, "eligibility", text, ctx, lang, signal, true);
      }
    }

    // a choice pending and a question about "it" instead of a pick: the first (most useful) option
    if (pending?.kind === "choose" && !identified.schemeId && this.telling(r.units).length === 0 && (r.fieldIntent || r.asks.length > 0)) {
      ctx.pending = undefined;
      return this.answerScheme(pending.options[0]!, r.fieldIntent ?? "overview", text, ctx, lang, signal);
    }

    if (identified.schemeId) {
      ctx.pending = undefined;
      const bare = !r.fieldIntent || r.fieldIntent === "overview";
      // a rival named just as well ("Awas Yojana": rural or urban) is asked about whatever the question
      // (versions of one scheme, "… Yojana 2.0", are not rivals for a question about a fact of it)
      const tied = identified.rivals.some(
        (id) => Math.abs((identified.hits.find((h) => h.schemeId === id)?.nameScore ?? 0) - identified.nameScore) <= NAME_TIE && !this.sameSchemeVersions(id, identified.schemeId!),
      );
      if (identified.rivals.length > 0 && (bare || tied)) {
        // a fact asked of one: the caller's other words may tell them apart ("rural" is the "Gramin" one)
        const told = bare ? undefined : this.choiceByName(text, [identified.schemeId, ...identified.rivals]);
        if (told) return this.answerScheme(told, r.fieldIntent ?? "overview", text, ctx, lang, signal);
        return this.clarify([identified.schemeId, ...identified.rivals], r.fieldIntent ?? "overview", ctx, lang, text);
      }
      return this.answerScheme(identified.schemeId, r.fieldIntent ?? "overview", text, ctx, lang, signal);
    }
    if (identified.bySound) {
      const { schemeId } = identified.bySound;
      ctx.pending = { kind: "confirm", schemeId, intent: r.fieldIntent ?? "overview", turn: ctx.turn, question: text };
      return this.say(prompts.confirmScheme(this.spokenName(schemeId, lang), lang), lang, "confirm", r.fieldIntent ?? "overview", [schemeId]);
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
      if (r.strongField && !r.anaphora && r.unfamiliar.some((w) => !this.soundsLikeNameOf(w, current))) return this.say(prompts.noSchemeYet[lang], lang, "clarify", r.fieldIntent ?? "overview");
      if (r.fieldIntent || r.anaphora || r.asks.length > 0) {
        if (r.fieldIntent !== "related" || r.anaphora || wordTotal <= 4) return this.answerScheme(current, r.fieldIntent ?? "overview", text, ctx, lang, signal);
      }
    }
    // "what documents for it?" with nothing to point back to
    if (r.anaphora && r.fieldIntent && r.units.length === 0) return this.say(prompts.noSchemeYet[lang], lang, "clarify", r.fieldIntent);

    const unknown = this.unknownScheme(r, identified);
    if (unknown) return this.say(prompts.noSuchScheme(unknown, lang), lang, "no_info", r.fieldIntent ?? "overview");

    const evidence = scopeEvidence(
      {
        content: r.content,
        named: identified.nameScore,
        frame: r.frame,
        // a concept a fifth of all schemes are filed under ("financial assistance", from "rupaye") is no sign
        // of a question about schemes: prices and wages speak of money too
        conceptCounts: this.telling(r.units.filter((u) => !RUNNER_WORDS.has(u.label))).map((u) => (u.group ? this.concepts.schemeCount : Math.max(0, ...u.stems.map((s) => this.concepts.conceptCount(s))))),
        conceptWords: this.conceptWordCount({ ...r, units: r.units.filter((u) => !RUNNER_WORDS.has(u.label)) }),
      },
      this.concepts,
      this.background,
      (w) => this.kb.store.lexicon.englishFor(w),
    );
    // a name nobody knows, asked about as a scheme ("how much does <name> give"): "I have no details of
    // that scheme" — unless the rest of the words are about something else altogether (a ticket to <city>)
    if (r.unfamiliar.length > 0 && (r.strongField || r.designator) && inScopeProbability(evidence) >= this.config.minInScopeProbability * UNKNOWN_NAME_SCOPE) {
      return this.say(prompts.noSuchScheme(this.unknownName(r), lang), lang, "no_info", r.fieldIntent ?? "overview");
    }
    // a bare request ("I want information", "koi yojana batao") has nothing out of scope in it
    const vague = r.units.length === 0 && (evidence.content === 0 || (r.designator && evidence.foreign === 0));
    if (!vague && inScopeProbability(evidence) < this.config.minInScopeProbability) {
      ctx.misses++;
      return this.say(prompts.outOfScope[lang], lang, "out_of_scope", "out_of_scope");
    }
    // a concept a fifth of all schemes are filed under ("financial assistance") narrows nothing
    const telling = this.telling(r.units);
    if (telling.length > 0) return this.offerSchemes(telling, r, ctx, lang, signal, r.fieldIntent ?? "overview", text);
    if (vague || r.units.length > 0 || r.nlu.best === "eligibility_check" || r.nlu.best === "list" || r.control === "help") return this.offerTopics(ctx, lang);

    // words the knowledge base knows but that name no concept: what search finds, if one stands out
    const top = identified.hits[0];
    if (!top || top.score < this.config.minSearchScore) return this.offerTopics(ctx, lang);
    const close = this.distinct(identified.hits.filter((h) => h.score >= top.score * (1 - this.config.clarifyMargin)));
    if (close.length === 1) return this.answerScheme(close[0]!, r.fieldIntent ?? "overview", text, ctx, lang, signal);
    return this.clarify(close.slice(0, this.config.maxOptions), r.fieldIntent ?? "overview", ctx, lang, text);
  }

  /** Which scheme the words (or the recogniser's other readings, or the sound) name, if one stands out. */
  private async identify(text: string, r: Reading, utterance: Utterance, signal?: AbortSignal): Promise<Identified> {
    const spoken = utterance.confidence !== undefined || (utterance.alternatives?.length ?? 0) > 0 || (utterance.heardNames?.length ?? 0) > 0;
    const hits = text ? await this.kb.search.search(text, { limit: 10, signal, heard: spoken }) : [];
    const named = this.namedIn(hits, r);
    if (named.schemeId) {
      // heard speech: a longer name that holds the words said and sounds like the rest ("kisan credit
      // guard" is Kisan Credit Card, not PM-KISAN) is offered for a yes/no instead
      const longer = spoken ? this.longerNameBySound(text, named) : undefined;
      return longer ? { ...named, schemeId: undefined, rivals: [], bySound: longer } : named;
    }
    const byRareWord = await this.namedByRareWord(text, named.hits);
    if (byRareWord) return { ...named, schemeId: byRareWord };
    // the recogniser's other readings: a name found there is a little less sure than in the first
    let best: { schemeId: string; score: number } | undefined;
    for (const alt of utterance.alternatives ?? []) {
      const clean = sanitize(alt, this.config.maxInputChars);
      if (!clean) continue;
      const altNamed = this.namedIn(await this.kb.search.search(clean, { limit: 5, signal, heard: true }), this.read(clean));
      const score = altNamed.nameScore * ALTERNATIVE_FACTOR;
      if (altNamed.schemeId && (!best || score > best.score)) best = { schemeId: altNamed.schemeId, score };
    }
    // recognised speech only: a name the words sound like across their boundaries, to be confirmed
    // (or typed words no one knows, a name misspelt beyond its spelling neighbours: "ushmanbert")
    if (spoken || (r.unfamiliar.length > 0 && r.strongField)) {
      for (const [i, said] of [text, ...(utterance.alternatives ?? [])].entries()) {
        const [top] = this.kb.search.soundMatch(sanitize(said, this.config.maxInputChars), 1);
        const score = (top?.score ?? 0) * (i === 0 ? 1 : ALTERNATIVE_FACTOR);
        if (top && score >= this.config.soundConfirm && (!best || score > best.score)) best = { schemeId: top.schemeId, score };
      }
    }
    for (const heard of utterance.heardNames ?? []) {
      if (!this.kb.store.has(heard.schemeId)) continue;
      if (heard.score >= this.config.heardNameAnswer) return { ...named, schemeId: heard.schemeId, rivals: [], nameScore: Math.max(named.nameScore, heard.score) };
      if (heard.score >= this.config.heardNameConfirm && (!best || heard.score > best.score)) best = { schemeId: heard.schemeId, score: heard.score };
      break;
    }
    return best ? { ...named, bySound: best } : named;
  }

  /**
   * The scheme whose name the words sound like, when that name holds every word of the named scheme's
   * name that was said and more besides: the caller said the longer name, partly misheard.
   */
  private longerNameBySound(text: string, named: Identified): { schemeId: string; score: number } | undefined {
    const [top] = this.kb.search.soundMatch(text, 1);
    if (!top || top.score < this.config.soundConfirm || top.schemeId === named.schemeId) return undefined;
    if (this.kb.store.metaOf(named.schemeId!)?.duplicates.includes(top.schemeId)) return undefined;
    const alias = named.hits.find((h) => h.schemeId === named.schemeId)?.nameAlias;
    if (!alias) return undefined;
    const keysOf = (t: string) => new Set(canonicalTokens(t).map(phoneticKey).filter((k) => k.length > 1));
    const said = keysOf(text);
    const namedSaid = [...keysOf(alias)].filter((k) => said.has(k));
    const longer = keysOf(top.alias);
    const holds = namedSaid.length > 0 && namedSaid.every((k) => longer.has(k)) && longer.size > namedSaid.length;
    return holds ? { schemeId: top.schemeId, score: top.score } : undefined;
  }

  /**
   * A word of the caller's that only a handful of schemes use ("Agniveer", "Chiranjeevi"), found in the
   * best search hit's name or description, or in a lower hit's name or tags, names that scheme even when
   * its name was not said.
   */
  private async namedByRareWord(text: string, hits: SearchHit[]): Promise<string | undefined> {
    if (hits.length === 0) return undefined;
    // a word of everyday speech ("weather", "मौसम") is not a scheme's own, however few schemes use it
    const rare = nativeTokens(text).filter((w) => w.length >= 4 && !this.background.isFunctionWord(w) && !FRAME_WORDS.has(w) && !/^\d+$/.test(w) && !this.background.commonness(w).known && !this.kb.search.stateIn(w)).filter((w) => {
      const df = this.concepts.df(w);
      return df >= 1 && df <= RARE_WORD_SCHEMES && this.concepts.conceptCount(stemEnglish(w)) < 2 && this.kb.store.lexicon.englishFor(w).length === 0;
    });
    if (rare.length === 0) return undefined;
    const key = (w: string) => (/^[a-z]+$/.test(w) ? stemEnglish(w) : w);
    const said = new Set(rare.map(key));
    // a Latin word in the name or description; a Devanagari word only in the name
    const holds = (record: SchemeRecord | undefined) =>
      record !== undefined && nativeTokens([record.name.en, record.name.hi ?? "", record.description.en, record.detailedDescription?.en ?? ""].join(" ")).some((w) => said.has(key(w)));
    if (holds(await this.kb.store.get(hits[0]!.schemeId))) return hits[0]!.schemeId;
    // else the best-ranked hit labelled with it (its name or tags: "Agniveer" of the Agnipath scheme), which
    // other words of the question ("yearly package") ranked lower; a description that only mentions a word
    // ("… the Sukanya Samriddhi scheme was launched") does not make another scheme's name its own
    const labelled = (record: SchemeRecord | undefined) => record !== undefined && nativeTokens([record.name.en, record.name.hi ?? "", ...(record.tags ?? [])].join(" ")).some((w) => said.has(key(w)));
    const records = await this.kb.store.getMany(hits.slice(1).map((h) => h.schemeId));
    return hits.slice(1).find((h) => labelled(records.get(h.schemeId)))?.schemeId;
  }

  /**
   * A name made only of words many schemes are filed under ("Widow Pension", "Disability Pension
   * Scheme") says what kind of help, not which scheme: it is read as a kind of help, not as a name.
   */
  private isGenericName(alias: string | undefined): boolean {
    if (!alias) return false;
    const own = nativeTokens(alias).filter((w) => !this.background.isFunctionWord(w) && !FRAME_WORDS.has(w) && !/^\d+$/.test(w) && w.length > 1);
    const optional = new Set(["pradhan", "mantri", "mukhyamantri", "chief", "minister", "prime", "national", "rashtriya", "state", "central", "yojna", "pm", "cm", "dr"]);
    const words = own.filter((w) => !optional.has(w) && !this.kb.search.stateIn(w));
    return words.length > 0 && words.every((w) => this.isConceptWord(w));
  }

  /** A word many schemes are filed under, itself or through its English ("pension", "पेंशन", "bima"). */
  private isConceptWord(word: string): boolean {
    const english = [...(/^[a-z]+$/.test(word) ? [word] : []), ...this.kb.store.lexicon.englishFor(word)];
    return english.some((w) => this.concepts.conceptCount(stemEnglish(w)) >= GENERIC_CONCEPT_SCHEMES);
  }

  /**
   * A name made only of words of a kind of help ("Widow Pension", "Bima Yojana") is read as that kind,
   * not as a name: always for a state's scheme (the caller asked for the kind, not for that state's), and
   * for a central one when the caller asks for several schemes or points at one by its kind.
   */
  private generalisedName(hit: SearchHit, r: Reading): boolean {
    if (hit.nameScore < this.config.nameThreshold || !this.isGenericName(hit.nameAlias)) return false;
    if (this.kb.store.metaOf(hit.schemeId)?.level !== "central") return true;
    return r.plural || r.kindReference || r.nlu.best === "list" || this.saidAsGroup(hit.nameAlias!, r);
  }

  /**
   * "kisan ke liye yojana", "for farmers": the caller said only a name's words for a group of people, as
   * whom the help is for, and not the rest of the name ("PM"): a group, not the scheme.
   */
  private saidAsGroup(alias: string, r: Reading): boolean {
    if (!r.forWhom) return false;
    const key = (w: string) => foldSpelling(w).slice(0, 5);
    const said = new Set(canonicalTokens(r.text).map(key));
    const words = canonicalTokens(alias).filter((w) => w.length > 1);
    const saidWords = words.filter((w) => said.has(key(w)));
    return saidWords.length > 0 && saidWords.length < words.length && saidWords.every((w) => this.kb.store.lexicon.beneficiariesIn(w).length > 0);
  }

  /** The scheme search hits name clearly, with rivals named about as well. */
  private namedIn(allHits: SearchHit[], r: Reading): Identified {
    const hits = allHits.map((h) => (this.generalisedName(h, r) ? { ...h, nameScore: 0 } : h));
    const nameScore = Math.max(0, ...hits.map((h) => h.nameScore));
    // the best name, and of equally good names the one search ranks first
    const named = hits.filter((h) => h.nameScore >= this.config.nameThreshold).sort((a, b) => (Math.abs(b.nameScore - a.nameScore) > NAME_TIE ? b.nameScore - a.nameScore : b.score - a.score));
    const top = named[0];
    if (!top) return { hits, rivals: [], nameScore };
    const duplicates = new Set(this.kb.store.metaOf(top.schemeId)?.duplicates ?? []);
    const topMeta = this.kb.store.metaOf(top.schemeId);
    // a name shared by several schemes ("Pradhan Mantri Awas Yojana") is a question back; a central
    // scheme's state versions are not asked about by its name alone
    const rivals = this.distinct(
      named.filter((h) => {
        if (h.schemeId === top.schemeId || duplicates.has(h.schemeId)) return false;
        if (topMeta?.level === "central" && this.kb.store.metaOf(h.schemeId)?.level !== "central") return false;
        return h.nameScore >= top.nameScore - RIVAL_NAME_GAP && h.score >= top.score * (1 - this.config.clarifyMargin);
      }),
    ).slice(0, this.config.maxOptions - 1);
    return { hits, schemeId: top.schemeId, rivals, nameScore };
  }

  /**
   * The words the caller called a scheme by, when no scheme of the knowledge base has that name: the
   * words before "yojana"/"scheme" that are neither concepts, nor words of asking, nor a scheme's name.
   */
  private unknownScheme(r: Reading, identified: Identified): string | undefined {
    if (!r.designator || identified.nameScore >= this.config.nameThreshold) return undefined;
    const designatorAt = r.tokens.findIndex((w, i) => i > 0 && /^(?:schemes?|yojana|yojna|योजना|abhiyan|mission|अभियान|मिशन|card|कार्ड|programme|karyakram|कार्यक्रम)$/.test(w));
    if (designatorAt < 1) return undefined;
    const span: string[] = [];
    for (let i = designatorAt - 1; i >= 0 && span.length < 4; i--) {
      const w = r.tokens[i]!;
      if (this.background.isFunctionWord(w) || FRAME_WORDS.has(w) || /^\d+$/.test(w)) break;
      span.unshift(w);
    }
    if (span.length === 0) return undefined;
    const conceptWords = new Set(r.units.flatMap((u) => nativeTokens(u.label)));
    const groupWords = (w: string) => this.kb.store.lexicon.beneficiariesIn(w).length > 0;
    // words everyday speech knows ("drop table") are not a scheme's name
    const unexplained = span.filter((w) => !conceptWords.has(w) && !groupWords(w) && !this.kb.search.stateIn(w) && this.concepts.conceptCount(w) < 2 && !this.background.isFamiliar(w));
    if (unexplained.length === 0) return undefined;
    return [...span, r.tokens[designatorAt]!].join(" ");
  }

  /** The caller's words for a scheme the knowledge base does not hold: the unfamiliar words and their neighbours up to "yojana". */
  private unknownName(r: Reading): string {
    // the unfamiliar words and the name-like words next to them ("Sukanya Samriddhi")
    const nameLike = (w: string | undefined) => w !== undefined && r.content.includes(w) && !FRAME_WORDS.has(w);
    let first = r.tokens.indexOf(r.unfamiliar[0]!);
    let last = r.tokens.lastIndexOf(r.unfamiliar[r.unfamiliar.length - 1]!);
    while (first > 0 && nameLike(r.tokens[first - 1])) first--;
    while (last + 1 < r.tokens.length && nameLike(r.tokens[last + 1])) last++;
    const designator = r.tokens.findIndex((w, i) => i > last && /^(?:schemes?|yojana|yojna|योजना|card|कार्ड|abhiyan|mission)$/.test(w));
    const end = designator >= 0 && designator - last <= 2 ? designator : last;
    return r.tokens.slice(first, end + 1).join(" ");
  }

  /** Two schemes whose names differ only by a version or phase ("Ujjwala Yojana" and "Ujjwala Yojana 2.0"). */
  private sameSchemeVersions(a: string, b: string): boolean {
    const base = (id: string) =>
      (this.kb.store.metaOf(id)?.name ?? id)
        .toLowerCase()
        .replace(/\b(?:phase|version|ver|stage)\b|\b[ivx]+\b|\d+(?:\.\d+)?/g, " ")
        .replace(/[^a-z]+/g, " ")
        .trim();
    return base(a) === base(b);
  }

  /** A word that sounds like a word of a scheme's own names ("kisaan" of "PM-KISAN"). */
  private soundsLikeNameOf(word: string, id: string): boolean {
    const meta = this.kb.store.metaOf(id);
    if (!meta) return false;
    const keys = new Set(canonicalTokens([meta.name, meta.nameHi, meta.shortTitle, ...meta.aliases].join(" ")).map(phoneticKey));
    return canonicalTokens(word).some((t) => keys.has(phoneticKey(t)));
  }

  /** Scheme ids with the data's duplicate slugs folded into the first (richest-ranked) one. */
  private distinct(hits: { schemeId: string }[]): string[] {
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

  /**
   * The name said before an answer and in choices, in its short form: a short title people say ("PM
   * Kisan"), the name's own short part ("Ayushman Bharat"), or the name when it is short already. A Hindi
   * answer keeps a Hindi name, so the voice does not switch for it.
   */
  private spokenName(id: string, lang: AnswerLang): string {
    const meta = this.kb.store.metaOf(id);
    if (!meta) return id;
    if (lang === "hi" && meta.nameHi) {
      const short = /\(([^)]*[\u0900-\u097f][^)]*)\)/.exec(meta.nameHi)?.[1];
      const hindi = meta.nameHi.replace(/\s*\([^)]*\)\s*/g, " ").trim();
      return short && wordCount(hindi) > LONG_NAME_WORDS ? short : hindi;
    }
    const full = meta.name.replace(/\s*\([^)]*\)\s*$/, "").trim();
    // a short form people say as words ("PM-KISAN" → "PM Kisan"), not one only spelt out ("PMFBY")
    // only a short form of the name itself: not "(All Ranks)", "(Nos.)" nor a group of people ("(OBCs)")
    const found = /\(([^)]{2,30})\)/.exec(meta.name)?.[1];
    const onlyGroups = (text: string) => text.split(/[^A-Za-z]+/).filter(Boolean).every((w) => this.kb.store.lexicon.beneficiariesIn(w).length > 0);
    const paren = found && isShortFormOf(found, meta.name) && !onlyGroups(found) ? found : undefined;
    if (paren && speakableShortForm(paren) !== paren) return speakableShortForm(paren);
    if (wordCount(full) <= LONG_NAME_WORDS) return speakableShortForm(full);
    if (paren && /[a-z]/.test(paren) && /[A-Z]/.test(paren)) return speakableShortForm(paren);
    const head = full.split(/\s[-–:]\s|:\s/)[0]!.trim();
    if (wordCount(head) <= LONG_NAME_WORDS && wordCount(head) >= 2) return speakableShortForm(head);
    // "Amma Two Wheeler Scheme For Working Women" → "Amma Two Wheeler Scheme"
    const before = /^(.{8,}?)\s(?:for|of|to|under|in|towards)\s/i.exec(head)?.[1];
    if (before && wordCount(before) >= 2 && wordCount(before) <= LONG_NAME_WORDS) return speakableShortForm(before);
    return full;
  }

  /** A scheme's name in a choice: a state's scheme with its state, when the name does not say it. */
  private choiceName(id: string, lang: AnswerLang): string {
    const name = this.spokenName(id, lang);
    const meta = this.kb.store.metaOf(id);
    if (!meta || meta.level === "central" || !meta.state || name.toLowerCase().includes(meta.state.toLowerCase())) return name;
    return lang === "hi" ? `${name} (${meta.state})` : `${name} (${meta.state})`;
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
      return this.say(prompts.relatedIntro(related.map((r) => this.spokenName(r.schemeId, lang)), lang), lang, "list", "related", related.map((r) => r.schemeId));
    }
    const r = question && !aboutCaller ? this.read(question) : undefined;
    const asked = r ? schemeQuestion(r, record, this.kb.store.metaOf(id)?.aliases ?? [], this.kb.store.lexicon, this.background) : { words: { english: [], hindi: [], sounds: [] }, asks: [] };
    // "how old must I be" is about who can apply, whatever word of amount it uses
    const field = asked.asks.includes("age") && (intent === "benefits" || intent === "overview") ? "eligibility" : (FIELD_OF[intent] ?? "description");
    const budget = this.config.maxWordsPerTurn;
    const pool = this.pool(record, lang);
    const ranking = rankUnits(pool, field, asked.words, asked.asks, budget, lang, intent !== "overview");
    const spokenName = this.spokenName(id, lang);
    const intro: Segment[] = [{ text: `${spokenName.replace(/[.:]+$/, "")}:`, lang: /[\u0900-\u097f]/.test(spokenName) ? "hi" : "en" }];
    if (ranking.picked === 0 && !fieldHasText(record, field, lang) && field !== "description") return this.noInfo(record, field, lang, intent, intro);
    if (pool.length === 0) return this.noInfo(record, field, lang, intent, intro);
    const spoken = speakFrom(pool, { schemeId: id, field, lang, order: ranking.order, position: 0 }, budget);
    ctx.cursor = spoken.cursor;
    const said = ranking.picked ? ranking.field : field;
    let segments = [...intro, ...withHindiPreface(spoken.segments, said, lang)];
    let source: Reply["source"] = "composed";
    if (this.generator) {
      const generator = this.generator;
      const request = { question: question ?? "", lang, schemeName: this.name(id, lang), facts: spoken.segments.map((s) => s.text), record };
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
    const name = this.spokenName(record.schemeId, lang);
    const about = lang === "hi" && record.description.hi ? record.description.hi : record.description.en;
    const first = sentences(about)[0] ?? "";
    const aboutLang = lang === "hi" && record.description.hi ? "hi" : "en";
    const segments: Segment[] = [...intro, ...(first && field !== "description" ? [{ text: first, lang: aboutLang as AnswerLang }] : []), { text: prompts.noInfo(field, name, lang), lang }];
    return this.say("", lang, "no_info", intent, [record.schemeId], segments, field);
  }

  private clarify(options: string[], intent: Intent, ctx: DialogueContext, lang: AnswerLang, question: string): Reply {
    const shown = options.slice(0, this.config.maxOptions);
    ctx.pending = { kind: "choose", options: shown, candidates: shown, intent, turn: ctx.turn, question };
    return this.say(prompts.chooseAmong(shown.map((id) => this.choiceName(id, lang)), lang), lang, "clarify", intent, shown);
  }

  /**
   * A kind of help: the schemes whose names or tags hold everything asked for. One clear central scheme
   * is answered; several are offered by name with keypad numbers.
   */
  private async offerSchemes(units: Reading["units"], r: Reading, ctx: DialogueContext, lang: AnswerLang, signal: AbortSignal | undefined, intent: Intent, question = ""): Promise<Reply> {
    // with no words (a group picked by its number) there is nothing to be relevant to
    const hits = r.text.trim() ? await this.kb.search.search(r.text, { limit: 20, signal }).catch(() => [] as SearchHit[]) : [];
    const relevance = new Map(hits.map((h) => [h.schemeId, h.score]));
    const state = r.state ?? ctx.profile.state;
    const all = rankFitting(this.concepts.fitting(units), units.length, (id) => this.kb.store.metaOf(id), { state, central: r.central, relevance });
    const ranked = all.filter((x) => x.best);
    const ids = this.distinct(ranked);
    // schemes holding one thing less, to make a choice when too few hold everything
    const partialAnywhere = this.distinct(all.filter((x) => !x.best));
    const partial = partialAnywhere.filter((id) => this.kb.store.metaOf(id)?.level === "central" || (state && this.kb.store.metaOf(id)?.states.includes(state)));
    if (ids.length === 0) return this.offerTopics(ctx, lang);
    const centralIds = ids.filter((id) => this.kb.store.metaOf(id)?.level === "central");
    const stateIds = state ? ids.filter((id) => this.kb.store.metaOf(id)?.level !== "central") : [];
    // holding everything that matters: a word only a few schemes are filed under ("band") is not needed
    const core = units.map((u) => u.group !== undefined || Math.max(0, ...u.stems.map((s) => this.concepts.conceptCount(s))) >= GENERIC_CONCEPT_SCHEMES);
    const complete = new Set(all.filter((x) => x.complete || units.every((u, i) => !core[i] || this.concepts.fit(x.schemeId, u) > 0)).map((x) => x.schemeId));
    // one scheme is what was asked for: the only one there is, the state's own when the caller named
    // the state, or the only central one when no state is known
    // among several central schemes, the one whose name itself says everything asked for
    const namedCentral = centralIds.filter((id) => complete.has(id) && units.every((u) => this.concepts.fit(id, u) === 2));
    // …but only for a question after a fact of it: "which schemes", "can I get" are answered with a choice
    // (a word of a kind of help, "subsidy", "insurance", asks for no fact: only "how much" or a field asked for plainly does)
    const factAsked = r.asks.length > 0 || (r.strongField && ["documents", "apply", "exclusions", "contact", "benefits"].includes(r.fieldIntent ?? ""));
    const only =
      ids.length === 1
        ? ids[0]
        : r.state && stateIds.length === 1
          ? stateIds[0]
          : !state && !r.plural && (centralIds.length === 1 || (namedCentral.length === 1 && namedCentral[0] === centralIds[0]))
            ? centralIds[0]
            : undefined;
    if (only && (complete.has(only) || ids.length === 1) && (factAsked || (ids.length === 1 && partialAnywhere.length === 0))) {
      ctx.pending = undefined;
      return this.answerScheme(only, intent, question || r.text, ctx, lang, signal);
    }
    // the caller's state first, then central schemes, then the rest that fit as well
    // the caller's state first, then central schemes (holding everything, then one thing less); other
    // states' schemes only when nothing else fits
    const isCentral = (id: string) => this.kb.store.metaOf(id)?.level === "central";
    const whole = [...stateIds.slice(0, 1), ...centralIds, ...ids].filter((id, i, list) => list.indexOf(id) === i);
    // schemes holding everything asked for come before central ones holding less: a choice is of what was asked
    const options = this.sayableApart(whole.length >= 2 ? whole : [...stateIds.slice(0, 1), ...centralIds, ...ids, ...partial.filter(isCentral), ...partial, ...partialAnywhere], lang);
    if (options.length === 1) return this.answerScheme(options[0]!, intent, question || r.text, ctx, lang, signal);
    // what the caller says about themselves next picks among every fitting central (or own-state) scheme
    const candidates = ids.filter((id) => isCentral(id) || (state && this.kb.store.metaOf(id)?.states.includes(state))).slice(0, PROFILE_CANDIDATES);
    ctx.pending = { kind: "choose", options, candidates, intent, turn: ctx.turn, question: question || r.text };
    return this.say(prompts.categoryChoice(options.map((id) => this.choiceName(id, lang)), lang), lang, "clarify", intent, options);
  }

  /** The first few schemes of a list, each once, and no two said alike ("Vayoshreshtha Samman", twice): a caller cannot tell those apart. */
  private sayableApart(ids: string[], lang: AnswerLang): string[] {
    const out: string[] = [];
    const said = new Set<string>();
    for (const id of ids) {
      if (out.length >= CHOICE_SIZE) break;
      const name = this.choiceName(id, lang).toLowerCase();
      if (out.includes(id) || said.has(name)) continue;
      out.push(id);
      said.add(name);
    }
    return out;
  }

  /** Units narrow enough to choose schemes by (not "financial assistance", which a fifth of all schemes are). */
  private telling(units: Reading["units"]): Reading["units"] {
    return units.filter((u) => u.group !== undefined || Math.max(0, ...u.stems.map((s) => this.concepts.conceptCount(s))) <= this.concepts.schemeCount * BROAD_CONCEPT_SHARE);
  }

  /** How many of the caller's content words name a concept (a unit's word, or a word of a group). */
  private conceptWordCount(r: Reading): number {
    const labels = new Set(r.units.filter((u) => !u.group).map((u) => u.label));
    const groups = r.units.filter((u) => u.group).map((u) => u.group!);
    // the words of an everyday description ("sell vegetables on the road") speak of its group
    const described = new Set(this.kb.store.lexicon.describedSpans(r.text).flatMap((span) => nativeTokens(span)));
    return r.content.filter((w) => labels.has(w) || described.has(w) || this.kb.store.lexicon.beneficiariesIn(w).some((g) => groups.includes(g))).length + (groups.length && !r.content.some((w) => this.kb.store.lexicon.beneficiariesIn(w).length || described.has(w)) ? 1 : 0);
  }

  /** "Who is it for?": the beneficiary groups most schemes serve, with keypad numbers. */
  private offerTopics(ctx: DialogueContext, lang: AnswerLang): Reply {
    const counts = new Map<string, number>();
    for (const m of this.kb.store.meta()) if (m.level === "central") for (const b of m.beneficiaries) counts.set(b, (counts.get(b) ?? 0) + 1);
    const groups = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([g]) => g).slice(0, TOPIC_SIZE);
    ctx.pending = { kind: "topic", options: groups, turn: ctx.turn };
    return this.say(prompts.topicChoice(groups.map((g) => prompts.groupName(g, lang)), lang), lang, "clarify", "list");
  }

  /** The candidate that fits what the caller told about themselves best. */
  private async bestForProfile(candidates: string[], ctx: DialogueContext): Promise<string | undefined> {
    const records = await this.kb.store.getMany(candidates);
    const fits = candidates
      .map((id, i) => ({ id, score: profileFit(this.kb.store.metaOf(id)!, records.get(id), ctx.profile).score - i * 0.01 }))
      .filter((f) => Number.isFinite(f.score))
      .sort((a, b) => b.score - a.score);
    return fits[0]?.id;
  }

  /** Picks an option from "the rural one", "पहला", "gramin", "2" or the option's name. */
  private resolveChoice(text: string, options: string[]): string | undefined {
    const ordinal = ordinalIn(text);
    if (ordinal !== undefined && ordinal < options.length) return options[ordinal];
    return this.choiceByName(text, options);
  }

  /** The option whose own name words the caller said, themselves or translated ("rural" → "gramin"). */
  private choiceByName(text: string, options: string[]): string | undefined {
    const lexicon = this.kb.store.lexicon;
    const saidText = [text, ...lexicon.englishFor(text), ...lexicon.romanFor(text)].join(" ");
    const said = new Set([...nativeTokens(saidText), ...romanTokens(saidText)].filter((w) => !this.background.isFunctionWord(w) && !FRAME_WORDS.has(w)).map((w) => foldSpelling(w).slice(0, 5)));
    const nameWords = (id: string): Set<string> => {
      const meta = this.kb.store.metaOf(id);
      const nameText = meta ? [meta.name, meta.nameHi, meta.shortTitle, ...meta.aliases].join(" ") : "";
      return new Set([...nativeTokens(nameText), ...romanTokens(nameText)].map((w) => foldSpelling(w).slice(0, 5)));
    };
    const words = new Map(options.map((id) => [id, nameWords(id)]));
    let best: { id: string; score: number } | undefined;
    for (const id of options) {
      let score = 0;
      for (const w of said) {
        if (w.length < 3 || !words.get(id)!.has(w)) continue;
        // words every option shares ("pradhan", "awas") decide nothing
        if (!options.every((o) => words.get(o)!.has(w))) score++;
      }
      if (score > 0 && (!best || score > best.score)) best = { id, score };
      else if (best && score === best.score) best = undefined;
    }
    return best?.id;
  }

  /** Picks a group from its number or the caller's words for it. */
  private resolveTopic(text: string, options: string[]): string | undefined {
    const ordinal = ordinalIn(text);
    if (ordinal !== undefined && ordinal < options.length) return options[ordinal];
    return this.kb.store.lexicon.beneficiariesIn(text).find((g) => options.includes(g)) ?? this.kb.store.lexicon.beneficiariesIn(text)[0];
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
      return this.offerSchemes([{ label: group, group, stems: [] }], this.read(""), ctx, ctx.lang, signal, "overview");
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
    const name = this.spokenName(cursor.schemeId, lang);
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

// "one"/"ek" count only on their own ("the rural one" is not the first option)
const ORDINALS: [RegExp, number][] = [
  [/(?:^|[^a-z])(first|1st|pehla|pahla|pehli|pahli|pehle wala)(?:$|[^a-z])|^\s*(?:number |option )?(?:one|ek|1)\s*$|पहला|पहली|पहले वाला/i, 0],
  [/(?:^|[^a-z])(second|2nd|dusra|doosra|dusri|doosri)(?:$|[^a-z])|^\s*(?:number |option )?(?:two|do|2)\s*$|दूसरा|दूसरी|दूसरे वाला/i, 1],
  [/(?:^|[^a-z])(third|3rd|teesra|tisra|teesri)(?:$|[^a-z])|^\s*(?:number |option )?(?:three|teen|3)\s*$|तीसरा|तीसरी/i, 2],
  [/(?:^|[^a-z])(fourth|4th|chautha|chauthi)(?:$|[^a-z])|^\s*(?:number |option )?(?:four|char|4)\s*$|चौथा|चौथी/i, 3],
  [/(?:^|[^a-z])(fifth|5th|panchva|panchvi)(?:$|[^a-z])|^\s*(?:number |option )?(?:five|paanch|panch|5)\s*$|पाँचवाँ|पांचवां|पाँचवीं/i, 4],
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

export { pickIntent };
