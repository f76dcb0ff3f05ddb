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
// names (outside.ts), names said aloud (names.ts) and the answer about one scheme (answer.ts) are their own
// modules.
import type { Config, DialogueConfig } from "../config.js";
import { BackgroundLanguage, SchemeConcepts, type KnowledgeBase } from "../knowledge/index.js";
import type { Logger } from "../ops/log.js";
import { SchemeAnswers } from "./answer.js";
import { chooseSchemes, choiceNames, namesAnotherKind, telling, topicGroups } from "./category.js";
import { choiceEvidence } from "./choice-evidence.js";
import { joinSegments, withoutEnding } from "./compose.js";
import { identify, NAME_TIE, soundCandidates } from "./identify.js";
import { distinctSchemes, readText, sanitize, type DialogueKnowledge } from "./knowledge.js";
import { LanguageDetector, type LanguageGuess } from "./language.js";
import type { AnswerGenerator } from "./llm/generator.js";
import { choiceName, sameSchemeVersions, soundsLikeNameOf, spokenName } from "./names.js";
import { aidFieldAsked, askedEvidence, everydayThingAwaited, helpForGroupAsked, kindForGroupNamed, kindsAsked, nameNotMadeOut, questionEvidence, restEvidence, schemesAskedFor, schemesAskedForPeople, unknownNameAsked, unknownNameInScope, unknownScheme } from "./outside.js";
import { bestForProfile, choiceByName, resolveChoice, resolveTopic } from "./picks.js";
import { mergeProfile } from "./profile.js";
import { prompts } from "./prompts.js";
import { benefitHeld, namedOnlyAsHeld, OPEN_SCHEME_QUESTION } from "./nlu.js";
import { pickIntent, type Reading } from "./reading.js";
import { rankEvidence, type RankEvidence } from "./rank-evidence.js";
import { say } from "./reply.js";
import { businessOfKind, businessScheme, namedBusiness } from "./seller.js";
import { askingSentences, asksPrivateThing, nameSaidIn, nameSaidInFull, privateOffer } from "./private-ask.js";
import { withoutCourtesies } from "./salutation.js";
import { asksForPerson, asksGovernmentHelp, lastSentence, withoutCallTalk } from "./call-talk.js";
import { inScopeProbability, type ScopeEvidence } from "./scope.js";
import { privateYojana } from "./scheme-maker.js";
import { titledSchemeName, whatIsAsked } from "./scheme-asked.js";
import { oneOfTwins } from "./twins.js";
import { holdsEvery, namesAThing, partOfScheme } from "./unheld.js";
import { describedScheme } from "./described.js";
import { ownNameWords } from "./name-words.js";
import { canonicalTokens, nativeTokens, phoneticKey, stemEnglish } from "../knowledge/text.js";
import { isOrdinaryWord } from "./ordinary.js";
import { meantVersion } from "./versions.js";
import { pointsAtUnnamedOther } from "./other-scheme.js";
import { notMadeOut, notMadeOutReply } from "./misheard.js";
import type { AnswerLang, DialogueContext, Intent, Reply, Utterance } from "./types.js";


/** Words of a topic of its own a question says before pointing at "it" ("the 299 recharge … in it"), at least. */
const OWN_TOPIC_WORDS = 2;

/** A turn of more words than this may tell a story before it asks. */
const LONG_TURN_WORDS = 8;

export interface DialogueOptions {
  generator?: AnswerGenerator | null;
  log?: Logger;
  /** Told each turn's candidate schemes and their scores (bench/rank-extract.ts); gathering them costs a search. */
  onRankEvidence?: (evidence: RankEvidence) => void;
}

export class DialogueEngine {
  private readonly answers: SchemeAnswers;
  /** The store's reader generation the concepts were (or are being) built for. */
  private conceptsGeneration: number;
  private conceptsBuild: { controller: AbortController; done: Promise<void> } | undefined;
  private onRankEvidence: ((evidence: RankEvidence) => void) | undefined;

  private constructor(
    private readonly kb: KnowledgeBase,
    private readonly config: DialogueConfig,
    private readonly languages: LanguageDetector,
    private readonly background: BackgroundLanguage,
    private concepts: SchemeConcepts,
    private readonly sliceMs: number,
    generator: AnswerGenerator | null,
    private readonly log?: Logger,
  ) {
    this.answers = new SchemeAnswers(() => this.k, generator, log);
    this.conceptsGeneration = kb.store.readerGeneration;
  }

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
      isEnglishWord: (w) => background.commonness(w).known,
    });
    const engine: DialogueEngine = new DialogueEngine(kb, config.dialogue, languages, background, concepts, config.knowledge.rebuild.sliceMs, options.generator ?? null, options.log);
    engine.onRankEvidence = options.onRankEvidence;
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

  /**
   * The knowledge base moved on: its records' sentences are forgotten at once, and what it talks about is
   * counted again in slices between the loop's other work, from the first turn after the change (a console
   * editing the knowledge base counts once, when asked); until then turns read the previous counts.
   */
  private current(): void {
    const generation = this.kb.store.readerGeneration;
    if (this.conceptsGeneration === generation) return;
    this.conceptsGeneration = generation;
    this.answers.forget();
    this.conceptsBuild?.controller.abort();
    const build = new AbortController();
    const done = SchemeConcepts.build(this.kb.store, { sliceMs: this.sliceMs, signal: build.signal })
      .then((concepts) => {
        if (build.signal.aborted) return;
        this.concepts = concepts;
        this.answers.forget();
      })
      .catch((err: Error) => {
        if (build.signal.aborted) return;
        // the next turn tries again; this one keeps the previous counts
        if (this.conceptsGeneration === generation) this.conceptsGeneration = -1;
        this.log?.warn({ err: err.message }, "the knowledge base's concepts were not counted again; the previous counts stay");
      })
      .finally(() => {
        if (this.conceptsBuild?.controller === build) this.conceptsBuild = undefined;
      });
    this.conceptsBuild = { controller: build, done };
  }

  /** Resolves once the concepts are of the readers' knowledge base (tests; a turn never waits for them). */
  async conceptsSettled(): Promise<void> {
    this.current();
    while (this.conceptsBuild) await this.conceptsBuild.done;
  }

  /** Stops a count under way. */
  close(): void {
    this.conceptsBuild?.controller.abort();
  }

  /** Answers one caller turn; updates the context in place. */
  async respond(utterance: Utterance, ctx: DialogueContext, signal?: AbortSignal): Promise<Reply> {
    this.current();
    ctx.turn++;
    const text = sanitize(utterance.text ?? "", this.config.maxInputChars);
    if (utterance.dtmf) return this.remember(ctx, await this.onDigit(utterance.dtmf, ctx, signal));
    if (!text && !utterance.heardNames?.length) return this.remember(ctx, say(prompts.empty[ctx.lang], ctx.lang, "help", "help"));
    const guess = this.languages.detect(text, utterance.lang);
    ctx.lang = guess.answerLang;
    // the courtesies a question opens with are read past, except as the answer to "did you mean …?"
    // (and so are the sentences about the call itself: "can you hear me?", "my son gave me this number")
    const asked = ctx.pending?.kind === "confirm" ? guess.text : withoutCourtesies(withoutCallTalk(guess.text));
    const reply = await this.understandAndAnswer(asked, utterance, guess, ctx, signal);
    // the candidates of the words, for a caller fitting a re-ranker on them (bench/rank-extract.ts)
    if (this.onRankEvidence) this.onRankEvidence(await rankEvidence(this.k, asked, readText(this.k, asked), reply, signal));
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
    this.current();
    ctx.turn++;
    const reply = await this.answers.answer(schemeId, intent, undefined, ctx, ctx.lang, signal);
    return this.remember(ctx, reply.action === "answer" ? withoutEnding(reply) : reply);
  }

  /** The rest of the last answer (keypad "more"). */
  async continueAnswer(ctx: DialogueContext): Promise<Reply> {
    this.current();
    ctx.turn++;
    const reply = await this.answers.more(ctx, ctx.lang);
    return this.remember(ctx, reply.action === "more" && reply.source !== "prompt" ? withoutEnding(reply) : reply);
  }

  private async understandAndAnswer(text: string, utterance: Utterance, guess: LanguageGuess, ctx: DialogueContext, signal?: AbortSignal): Promise<Reply> {
    const lang = guess.answerLang;
    const r = readText(this.k, text);
    ctx.profile = mergeProfile(ctx.profile, { age: r.age, monthlyIncome: r.monthlyIncome, state: r.state, beneficiaries: r.beneficiaries });
    const wordTotal = r.tokens.length;
    const pending = ctx.pending;
    // which way the turn went, with the scope evidence it had once a name was looked for (debug only:
    // bench/scope-fit.ts reads where out-of-scope and in-scope questions end up)
    let nameScore: number | undefined;
    // (and, for a name the knowledge base lacks, the evidence of the rest of the question)
    let rest: ScopeEvidence | undefined;
    const decided = async (by: string, reply: Reply | Promise<Reply>): Promise<Reply> => {
      const done = await reply;
      if (this.log?.isLevelEnabled("debug")) {
        const evidence = nameScore === undefined ? undefined : questionEvidence(this.k, r, nameScore);
        this.log.debug({ decided: { by, action: done.action, evidence, rest } }, "turn decided");
      }
      return done;
    };

    // "did you mean …?": yes, no, or something else said instead
    let passedOver: string | undefined;
    if (pending?.kind === "confirm") {
      ctx.pending = undefined;
      if (r.control === "affirm" && wordTotal <= 4) return decided("confirm.yes", this.answers.answer(pending.schemeId, pending.intent, pending.question, ctx, lang, signal));
      if (r.control === "deny" && wordTotal <= 4) return decided("confirm.no", say(prompts.sayNameAgain[lang], lang, "clarify", pending.intent));
      passedOver = pending.schemeId;
    }

    if (pending?.kind === "choose") {
      const chosen = resolveChoice(this.k, text, pending.options);
      if (chosen) {
        ctx.pending = undefined;
        // the sentences are chosen for the question asked, not for "the rural one"
        const question = r.fieldIntent ? text : pending.question;
        return decided("choose.pick", this.answers.answer(chosen, r.fieldIntent ?? pending.intent, question, ctx, lang, signal));
      }
    }
    if (pending?.kind === "topic") {
      const group = resolveTopic(this.k, text, pending.options);
      if (group) {
        ctx.pending = undefined;
        return decided("topic.pick", this.offerSchemes([{ label: group, group, stems: [] }], r, ctx, lang, signal, "overview"));
      }
    }

    // (the caller's state told in an earlier turn is where they live still: names are read for it too)
    const found = await identify(this.k, text, r.state || !ctx.profile.state ? r : { ...r, state: ctx.profile.state }, utterance, signal);
    // a catalogue stub and a full record of one scheme are not rivals; the one with more to say answers
    const twinned = found.schemeId ? { ...found, ...(await oneOfTwins(found.schemeId, found.rivals, found.hits, lang, this.kb.store)) } : found;
    // phases of one scheme: the one the caller said, or of numbered phases the latest
    const identified = twinned.schemeId ? { ...twinned, ...meantVersion(this.k, text, twinned.schemeId, twinned.rivals, twinned.hits) } : twinned;
    // the evidence of answering one scheme or offering a choice, and the choice a kind of help would get
    // (numbers and ids only): what bench/choice-fit.ts fits that decision from
    if (this.log?.isLevelEnabled("debug")) {
      const told = telling(this.k, r.units);
      const offer = told.length > 0 ? await chooseSchemes(this.k, told, r, ctx.profile.state, lang, signal, true) : { kind: "topics" as const };
      this.log.debug({ choice: choiceEvidence(this.k, r, told, identified, (r.state ?? ctx.profile.state) !== undefined), offer, namedId: identified.schemeId }, "choice decision");
    }
    nameScore = identified.nameScore;
    // a name the knowledge base lacks: "no details of it" when the rest of the question is about a scheme,
    // else an everyday question with a name in it, out of scope
    const noDetails = async (by: string, name: string): Promise<Reply> => {
      // (words that describe one scheme, "<thing> wali yojana", are that scheme: described.ts)
      const described = await describedScheme(this.k, r, name, r.state ?? ctx.profile.state);
      if (described) return decided(`${by}.described`, this.answers.answer(described, r.fieldIntent ?? "overview", text, ctx, lang, signal));
      rest = restEvidence(this.k, r, identified.nameScore, name);
      // (beside a business named by its trade, "<brand> showroom wale …", a name the knowledge base lacks is the
      // business's own offer, whatever it is called)
      const trade = businessOfKind(this.k, r, true);
      if (unknownNameInScope(this.k, name, rest) && (trade === undefined || trade.includes(name))) return decided(by, say(prompts.noSuchScheme(name, lang), lang, "no_info", r.fieldIntent ?? "overview"));
      if (notMadeOut(this.k, r, utterance)) return decided(`${by}.notMadeOut`, notMadeOutReply(lang, r.fieldIntent ?? "overview"));
      ctx.misses++;
      return decided(`${by}.refused`, say(prompts.outOfScope[lang], lang, "out_of_scope", "out_of_scope"));
    };
    // "help", "repeat" alone, and goodbyes or requests for a person without a new question, come first
    // a person asked for in a long turn is asked in its last sentence: a company's "customer care" told of in
    // a story, before what the caller asks of us, is someone else's, not a request to be put through; and a
    // person is asked for in words that ask for one ("talk to", "connect", "baat karao"), not told of ("their
    // agent never calls back")
    const personTold = r.control === "human" && !asksForPerson(wordTotal > LONG_TURN_WORDS ? lastSentence(text) : text);
    // and a long turn that asks for schemes of a kind ("… koi yojana hai? kheti ke liye, bas"): its "bas" is
    // "just", a word of the asking, not a goodbye
    const goodbyeInQuestion = r.control === "goodbye" && wordTotal > LONG_TURN_WORDS && telling(this.k, r.units).length > 0 && (r.designator || /[?？]/.test(text));
    const control = personTold || goodbyeInQuestion ? undefined : r.control;
    const bareControl = control !== undefined && !r.fieldIntent && (wordTotal <= 3 || control === "goodbye" || control === "human");
    if (control && !identified.bySound && (bareControl || (!identified.schemeId && (control === "human" || (!r.fieldIntent && r.units.length === 0 && !r.designator && wordTotal <= 6))))) {
      const reply = await this.onControl(control, ctx, lang, signal);
      if (reply) return decided("control", reply);
    }

    // a choice pending and another kind of help named, one none of its schemes is filed under ("and the
    // disability pension?" after widow pensions): a new question, not a pick nor something about the caller
    const aboutThemselves = r.age !== undefined || r.monthlyIncome !== undefined;
    const newKind = pending?.kind === "choose" && !aboutThemselves && telling(this.k, r.units).some((u) => pending.candidates.every((id) => this.concepts.fit(id, u) === 0));
    // a choice pending, and the caller tells about themselves: the candidates that fit them best
    if (pending?.kind === "choose" && !identified.schemeId && !newKind && (r.age !== undefined || r.monthlyIncome !== undefined || r.beneficiaries.length > 0)) {
      const best = await bestForProfile(this.k, pending.candidates, ctx);
      if (best) {
        ctx.pending = undefined;
        // told of someone and asked a fact of them ("if he dies, how much does his wife get?"): the fact asked
        // is answered; told only, whether they may have it
        const asksFact = r.asks.length > 0 || (r.fieldIntent !== undefined && r.fieldIntent !== "overview");
        return decided("choose.profile", this.answers.answer(best, asksFact ? (r.fieldIntent ?? "eligibility") : "eligibility", text, ctx, lang, signal, !asksFact));
      }
    }

    // a choice pending and a question about "it" instead of a pick: after a request for one scheme, the
    // first (most useful) option; after a request for several, or an open question over what help there
    // is ("what help is there for …", "kya kya"), which one is not known (the choice settled none), so the
    // choice is asked again, and the pick answers the question asked now
    // (what the caller tells of themselves around the question, "he sells fruit in a small town", names no kind)
    // (a kind the first option's name or tags hold, "an accident" after a choice between an accident insurance's
    // versions, is a fact asked of it: it stays, as a question about "it" would)
    const forOne = pending?.kind === "choose" && !readText(this.k, pending.question).plural && !OPEN_SCHEME_QUESTION.test(pending.question);
    const kinds = pending?.kind === "choose" && !identified.schemeId ? kindsAsked(this.k, r) : [];
    const heldByFirst = pending?.kind === "choose" && forOne && kinds.length > 0 && (await this.speaksOf(pending.options[0]!, kinds));
    if (pending?.kind === "choose" && !identified.schemeId && (kinds.length === 0 || heldByFirst) && (r.fieldIntent || r.asks.length > 0)) {
      if (forOne) {
        ctx.pending = undefined;
        return decided("choose.it", this.answers.answer(pending.options[0]!, r.fieldIntent ?? "overview", text, ctx, lang, signal));
      }
      const intent = r.fieldIntent ?? pending.intent;
      const reply = this.clarify(pending.options, intent, ctx, lang, text);
      if (ctx.pending?.kind === "choose") ctx.pending.candidates = pending.candidates;
      return decided("choose.again", reply);
    }

    // (a thing of the scheme talked about that its record speaks of, "the <card> in it", is asked of it below)
    const talkedAbout = this.currentScheme(ctx);
    // a business's own offer, what the caller calls a scheme being the business's ("<brand> finance walon ki
    // loan scheme") or no scheme called one (an instalment owed to "<brand> finance"): not the helpline's to
    // tell, whatever scheme's name its words are like
    // (a scheme found by its words is met only by a business named by its trade, "<brand> finance": a name
    // said as the owner of a kind of help, "<word> ki <kind>", is as often a word no dictionary knows)
    const seller = r.designator ? businessScheme(this.k, r) : identified.schemeId || identified.unheld ? businessOfKind(this.k, r) : undefined;
    // (and so is a "scheme" or "subsidy" a seller offers or tells of, "<app> says … yojana", unless a scheme
    // of the knowledge base is named in full by a name of its own: a seller may tell of the government's;
    // and a "yojana" that is a plan made, or a private maker's own, scheme-maker.ts)
    const namedAlias = identified.schemeId ? identified.hits.find((h) => h.schemeId === identified.schemeId)?.nameAlias : undefined;
    const sellersOffer = (privateOffer(r.text) !== undefined || privateYojana(this.k, r.text) !== undefined) && !(namedAlias !== undefined && nameSaidInFull(this.k, namedAlias, r.text));
    if (!talkedAbout && (seller !== undefined || sellersOffer)) {
      ctx.misses++;
      return decided("business", say(prompts.outOfScope[lang], lang, "out_of_scope", "out_of_scope"));
    }
    // a thing no scheme gives asked for in the sentence that asks (which medicine to give, a price, a case in
    // court), a scheme's name said only in the story before it ("main kisan hoon, …" finds a farmers' scheme
    // by the caller's trade): the story tells who asks, not what is asked
    const privateAsk = asksPrivateThing(r.text);
    if (!talkedAbout && namedAlias !== undefined && privateAsk && !nameSaidIn(this.k, namedAlias, askingSentences(r.text))) {
      ctx.misses++;
      return decided("private.story", say(prompts.outOfScope[lang], lang, "out_of_scope", "out_of_scope"));
    }
    if (identified.unheld && !(talkedAbout && namesAThing(identified.unheld) && (await partOfScheme(this.k, identified.unheld, talkedAbout)))) return noDetails("unheld", identified.unheld);
    // another scheme pointed at, unnamed ("that other scheme" and who got it): not the one talked about, nor one a
    // word of the story matches, unless named in full (a kind said, "… for widows", is offered as one below)
    // (the pointing is read first: the name's words are compared only on the rare turn that points)
    const pointsAtOther = Boolean(talkedAbout) && pointsAtUnnamedOther(r.text);
    if (pointsAtOther && !(namedAlias !== undefined && nameSaidInFull(this.k, namedAlias, r.text))) return decided("followup.which", say(prompts.noSchemeYet[lang], lang, "clarify", r.fieldIntent ?? "overview"));
    // a question about "it" whose words name another scheme only by words the scheme talked about holds too
    // ("the <kind> <kind> for it" after a scheme named "<Place> <Kind> <Kind> …"): the one talked about
    if (identified.schemeId && talkedAbout && r.anaphora && !sameSchemeVersions(this.k, identified.schemeId, talkedAbout)) {
      const alias = identified.hits.find((h) => h.schemeId === identified.schemeId)?.nameAlias;
      const keys = new Set(canonicalTokens(text).map(phoneticKey));
      const said = alias ? ownNameWords(this.k, alias).filter((w) => keys.has(phoneticKey(w))) : [];
      if (holdsEvery(this.k, said, talkedAbout)) return decided("followup.same", this.answers.answer(talkedAbout, r.fieldIntent ?? "overview", text, ctx, lang, signal));
    }
    // a scheme named only in what the caller already has ("my mother already draws the <kind> pension; what
    // would this one pay?"), asked of "it" after another scheme: the one talked about is asked of, the other is the story
    if (identified.schemeId && talkedAbout && r.anaphora && identified.schemeId !== talkedAbout && namedAlias !== undefined && namedOnlyAsHeld(text, namedAlias)) {
      return decided("followup.held", this.answers.answer(talkedAbout, r.fieldIntent ?? "overview", text, ctx, lang, signal));
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
        if (told) return decided("named.told", this.answers.answer(told, r.fieldIntent ?? "overview", text, ctx, lang, signal));
        return decided("named.rivals", this.clarify([identified.schemeId, ...identified.rivals], r.fieldIntent ?? "overview", ctx, lang, text));
      }
      return decided("named", this.answers.answer(identified.schemeId, r.fieldIntent ?? "overview", text, ctx, lang, signal));
    }
    if (identified.bySound) {
      const { schemeId } = identified.bySound;
      // the caller let this very guess pass and said their question again: asking it once more goes round
      // in a loop; the other names it could be are offered with it, by keypad number, or the name asked for
      if (schemeId === passedOver) {
        const others = soundCandidates(this.k, text, utterance, this.config.maxOptions).filter((id) => id !== schemeId);
        if (others.length > 0) return decided("sound.others", this.clarify([...others.slice(0, this.config.maxOptions - 1), schemeId], r.fieldIntent ?? "overview", ctx, lang, text));
        return decided("sound.again", say(prompts.sayNameAgain[lang], lang, "clarify", r.fieldIntent ?? "overview"));
      }
      ctx.pending = { kind: "confirm", schemeId, intent: r.fieldIntent ?? "overview", turn: ctx.turn, question: text };
      return decided("sound.confirm", say(prompts.confirmScheme(spokenName(this.k, schemeId, lang), lang), lang, "confirm", r.fieldIntent ?? "overview", [schemeId]));
    }

    // something of the caller's own ("when will my cylinder come"), or a business's own product ("<brand>
    // bank's loan", "a private hospital's bill"), no scheme named or called one: not the helpline's to tell;
    // nor a thing or service no scheme gives asked for after the caller's story (which tablet to take, a
    // price, a booking, a case in court)
    if ((r.errand || everydayThingAwaited(this.k, r) || privateAsk || (!r.designator && namedBusiness(this.k, r) !== undefined)) && !this.currentScheme(ctx)) {
      ctx.misses++;
      return decided("errand", say(prompts.outOfScope[lang], lang, "out_of_scope", "out_of_scope"));
    }

    const current = this.currentScheme(ctx);
    if (current) {
      // "the insurance one": another scheme, pointed at by a kind the current one is not named for
      // (a kind the caller says they already have, "she already draws the <kind> pension; what would this pay?", is
      // their story: what "it" is asked is read without it)
      const lower = r.text.toLowerCase();
      const held = r.anaphora ? benefitHeld(lower) : undefined;
      const a = held ? readText(this.k, lower.replace(held, " ")) : r;
      const pointsElsewhere = ((a.kindReference || (a.designator && a.units.length > 0)) && a.units.some((u) => this.concepts.fit(current, u) < 2)) || (await namesAnotherKind(this.k, a, current));
      // (chosen by what narrows: "how much money" asks a fact, it names no kind)
      const told = telling(this.k, r.units);
      if (pointsElsewhere) return decided("followup.elsewhere", this.offerSchemes(told.length > 0 ? told : r.units, r, ctx, lang, signal, r.fieldIntent ?? "overview", text));
      // a word no one knows where a name would be, or letters spelt out, not "it" nor the current name
      // misheard: another scheme, garbled beyond matching; asked which, never answered for the old one
      // (a Hindi word bent as everyday Hindi bends words, "<house>-<folk>-<plural>", is no name garbled)
      const garbled = r.unfamiliar.some((w) => !isOrdinaryWord(w, this.k.background) && !soundsLikeNameOf(this.k, w, current)) || (r.nameBits.length > 0 && !soundsLikeNameOf(this.k, r.nameBits.join(" "), current));
      if (r.strongField && !r.anaphora && garbled) return decided("followup.garbled", say(prompts.noSchemeYet[lang], lang, "clarify", r.fieldIntent ?? "overview"));
      if (r.fieldIntent || r.anaphora || r.asks.length > 0) {
        if (r.fieldIntent !== "related" || r.anaphora || wordTotal <= 4) return decided("followup", this.answers.answer(current, r.fieldIntent ?? "overview", text, ctx, lang, signal));
      }
    }
    const evidence = questionEvidence(this.k, r, identified.nameScore);
    // "what documents for it?" with nothing to point back to; but "it" may point at a thing the question
    // itself names first, out of scope ("the data pack I bought: how much does it give?"), and that is refused below
    const itsOwnTopic = evidence.content >= OWN_TOPIC_WORDS && inScopeProbability(evidence) < this.config.minInScopeProbability;
    if (r.anaphora && r.fieldIntent && r.units.length === 0 && !itsOwnTopic) return decided("anaphora", say(prompts.noSchemeYet[lang], lang, "clarify", r.fieldIntent));
    // a fact of a scheme asked ("how much will I get?") in no words but those of help in general: of which scheme
    if (r.fieldIntent && (r.asks.length > 0 || r.strongField) && telling(this.k, r.units).length === 0 && r.content.every((w) => r.units.some((u) => u.label === w))) {
      return decided("fieldOnly", say(prompts.noSchemeYet[lang], lang, "clarify", r.fieldIntent));
    }

    const unknown = unknownScheme(this.k, r, identified);
    if (unknown) return noDetails("unknownScheme", unknown);

    // (schemes asked for a kind of people: a word no one knows in the story is their trade, no scheme's name)
    const forPeople = schemesAskedForPeople(this.k, r.text);
    const unknownName = forPeople ? undefined : unknownNameAsked(this.k, r, evidence);
    if (unknownName !== undefined) return noDetails("unknownName", unknownName);
    if (nameNotMadeOut(r)) return decided("nameNotMadeOut", say(prompts.noSchemeYet[lang], lang, "clarify", r.fieldIntent ?? "overview"));
    // a bare request ("I want information", "koi yojana batao") has nothing out of scope in it
    const vague = telling(this.k, r.units).length === 0 && (evidence.content === 0 || (r.designator && evidence.foreign === 0));
    // the evidence and the probability (numbers only) are what bench/scope-fit.ts refits the weights from
    const inScope = vague ? 1 : inScopeProbability(evidence);
    // (with whether a kind of help and its group are named, which keeps a question the model would refuse)
    const debug = !vague && this.log?.isLevelEnabled("debug") === true;
    // a kind of help and whom it is for, as a scheme's name pairs them, is in scope whatever story surrounds them
    // (and so is a kind of help asked in a part of its own after the caller's story, judged by the words that ask)
    const asked = inScope < this.config.refuseBelowInScope || debug ? askedEvidence(this.k, r, identified.nameScore) : undefined;
    const askedInScope = asked !== undefined && inScopeProbability(asked) >= this.config.refuseBelowInScope;
    // (and so is the government's help asked for, "sarkar se koi madad milegi?": the helpline's own subject,
    // and any scheme or help asked for someone or a kind of people, whoever they are, and a field asked of an aid called one)
    const keptAnyway = (): boolean => kindForGroupNamed(this.k, r) || helpForGroupAsked(this.k, r) || asksGovernmentHelp(r.text) || schemesAskedFor(r.text) || forPeople || aidFieldAsked(r.text) || whatIsAsked(r.text);
    // (what bench/scope-fit.ts needs to decide as this does: which keeps hold whatever the weights, the asking
    // part's evidence, and whether a refusal would be asked again instead)
    if (debug) this.log!.debug({ scope: evidence, inScope, kindForGroup: kindForGroupNamed(this.k, r), keptAnyway: keptAnyway(), asked, notMadeOut: notMadeOut(this.k, r, utterance), signals: { designator: r.designator, strongField: r.strongField, asks: r.asks.length, unfamiliar: r.unfamiliar.length, units: r.units.length, telling: telling(this.k, r.units).length, plural: r.plural, business: namedBusiness(this.k, r) !== undefined, words: wordTotal } }, "scope decision");
    if (inScope < this.config.refuseBelowInScope && !askedInScope && !keptAnyway()) {
      // (a recognised turn in good part no words at all was not understood: asked again, not refused)
      if (notMadeOut(this.k, r, utterance)) return decided("model.notMadeOut", notMadeOutReply(lang, r.fieldIntent ?? "overview"));
      // (a government scheme's name said with its title, "mukhyamantri … yojana", the records lack: no details of it)
      const titled = titledSchemeName(r.tokens);
      if (titled !== undefined) return decided("model.titled", say(prompts.noSuchScheme(titled, lang), lang, "no_info", r.fieldIntent ?? "overview"));
      ctx.misses++;
      return decided("model.refused", say(prompts.outOfScope[lang], lang, "out_of_scope", "out_of_scope"));
    }
    // a concept a fifth of all schemes are filed under ("financial assistance") narrows nothing
    const narrowing = telling(this.k, r.units);
    if (narrowing.length > 0) return decided("offerSchemes", this.offerSchemes(narrowing, r, ctx, lang, signal, r.fieldIntent ?? "overview", text));
    if (vague || r.units.length > 0 || r.nlu.best === "eligibility_check" || r.nlu.best === "list" || r.control === "help") return decided("offerTopics", this.offerTopics(ctx, lang));

    // words the knowledge base knows but that name no concept: what search finds, if one stands out
    const top = identified.hits[0];
    if (!top || top.score < this.config.minSearchScore) return decided("search.none", this.offerTopics(ctx, lang));
    const close = distinctSchemes(this.k, identified.hits.filter((h) => h.score >= top.score * (1 - this.config.clarifyMargin)));
    if (close.length === 1) return decided("search.one", this.answers.answer(close[0]!, r.fieldIntent ?? "overview", text, ctx, lang, signal));
    return decided("search.clarify", this.clarify(close.slice(0, this.config.maxOptions), r.fieldIntent ?? "overview", ctx, lang, text));
  }


  /**
   * Whether a scheme's name or tags, or its record's own words (read in English, where every record is
   * written), speak of every kind of help a turn names: a fact of that scheme asked, not another scheme.
   */
  private async speaksOf(schemeId: string, kinds: Reading["units"]): Promise<boolean> {
    const record = await this.k.kb.store.get(schemeId);
    if (!record) return false;
    const stems = new Set(nativeTokens(JSON.stringify(record).replace(/[^\x20-\x7e]+/g, " ")).map(stemEnglish));
    return kinds.every((u) => this.concepts.fit(schemeId, u) > 0 || u.stems.some((s) => stems.has(s)));
  }
  private currentScheme(ctx: DialogueContext): string | undefined {
    const c = ctx.currentScheme;
    if (!c || ctx.turn - c.turn > this.config.contextTurns || !this.kb.store.has(c.id)) return undefined;
    return c.id;
  }


  private clarify(options: string[], intent: Intent, ctx: DialogueContext, lang: AnswerLang, question: string): Reply {
    const shown = options.slice(0, this.config.maxOptions);
    ctx.pending = { kind: "choose", options: shown, candidates: shown, intent, turn: ctx.turn, question };
    return say(prompts.chooseAmong(shown.map((id) => choiceName(this.k, id, lang)), lang), lang, "clarify", intent, shown);
  }

  /** A kind of help: one clear scheme is answered; several are offered by name with keypad numbers. */
  private async offerSchemes(units: Reading["units"], r: Reading, ctx: DialogueContext, lang: AnswerLang, signal: AbortSignal | undefined, intent: Intent, question = ""): Promise<Reply> {
    const choice = await chooseSchemes(this.k, units, r, ctx.profile.state, lang, signal);
    if (choice.kind === "topics") return this.offerTopics(ctx, lang);
    if (choice.kind === "answer") {
      if (choice.clearPending) ctx.pending = undefined;
      return this.answers.answer(choice.schemeId, intent, question || r.text, ctx, lang, signal);
    }
    const { options, candidates } = choice;
    ctx.pending = { kind: "choose", options, candidates, intent, turn: ctx.turn, question: question || r.text };
    return say(prompts.categoryChoice(choiceNames(this.k, options, lang), lang), lang, "clarify", intent, options);
  }

  /** "Who is it for?": the beneficiary groups most schemes serve, with keypad numbers. */
  private offerTopics(ctx: DialogueContext, lang: AnswerLang): Reply {
    const groups = topicGroups(this.k);
    ctx.pending = { kind: "topic", options: groups, turn: ctx.turn };
    return say(prompts.topicChoice(groups.map((g) => prompts.groupName(g, lang)), lang), lang, "clarify", "list");
  }

  private async onDigit(digit: string, ctx: DialogueContext, signal?: AbortSignal): Promise<Reply> {
    if (digit === "0") return say(prompts.transfer[ctx.lang], ctx.lang, "transfer", "human");
    if (digit === "#" && ctx.lastReply) return { ...ctx.lastReply, action: "repeat", intent: "repeat" };
    const n = Number(digit);
    const pending = ctx.pending;
    if (pending?.kind === "choose" && Number.isInteger(n) && n >= 1 && n <= pending.options.length) {
      ctx.pending = undefined;
      return this.answers.answer(pending.options[n - 1]!, pending.intent, pending.question, ctx, ctx.lang, signal);
    }
    if (pending?.kind === "confirm" && (n === 1 || n === 2)) {
      ctx.pending = undefined;
      if (n === 1) return this.answers.answer(pending.schemeId, pending.intent, pending.question, ctx, ctx.lang, signal);
      return say(prompts.sayNameAgain[ctx.lang], ctx.lang, "clarify", pending.intent);
    }
    if (pending?.kind === "topic" && Number.isInteger(n) && n >= 1 && n <= pending.options.length) {
      ctx.pending = undefined;
      const group = pending.options[n - 1]!;
      return this.offerSchemes([{ label: group, group, stems: [] }], readText(this.k, ""), ctx, ctx.lang, signal, "overview");
    }
    return say(prompts.help[ctx.lang], ctx.lang, "help", "help");
  }

  private async onControl(intent: Intent, ctx: DialogueContext, lang: AnswerLang, signal?: AbortSignal): Promise<Reply | null> {
    switch (intent) {
      case "human":
        return say(prompts.transfer[lang], lang, "transfer", "human");
      case "goodbye":
        return say(prompts.goodbye[lang], lang, "end", "goodbye");
      case "repeat":
        return ctx.lastReply ? { ...ctx.lastReply, action: "repeat", intent: "repeat" } : say(prompts.nothingToRepeat[lang], lang, "help", "repeat");
      case "more":
        return this.answers.more(ctx, lang);
      case "help": {
        // "I need help" is met with the way to a scheme: who is it for?
        const topics = this.offerTopics(ctx, lang);
        return say("", lang, "clarify", "help", [], [{ text: prompts.helpIntro[lang], lang }, ...topics.segments]);
      }
      case "greeting":
        return say(prompts.greet[lang], lang, "greet", "greeting");
      case "affirm":
        return ctx.cursor && ctx.lastReply?.hasMore ? this.answers.more(ctx, lang) : say(prompts.help[lang], lang, "help", "affirm");
      case "deny":
        return say(prompts.help[lang], lang, "help", "deny");
      default:
        void signal;
        return null;
    }
  }


  private remember(ctx: DialogueContext, reply: Reply): Reply {
    ctx.lastReply = reply;
    ctx.lastIntent = reply.intent;
    if (reply.field) ctx.lastField = reply.field;
    if (reply.action !== "out_of_scope") ctx.misses = 0;
    return reply;
  }
}

export { pickIntent, sanitize };
