// Answering about one scheme: the sentences of its record that fit the question, within a turn's words,
// said after its short name (or "no details of that" when the record lacks them), reworded by the LLM
// when there is one; and the rest of an answer when the caller asks for more.
import type { SchemeRecord } from "../knowledge/index.js";
import type { Logger } from "../ops/log.js";
import { retryOnce } from "../ops/retry.js";
import { rankUnits, speakFrom, withEnding } from "./compose.js";
import { readText, type DialogueKnowledge } from "./knowledge.js";
import { asksOfIncome, asksOfSchooling } from "./nlu.js";
import { fieldIntentOf } from "./reading.js";
import type { AnswerGenerator } from "./llm/generator.js";
import { schemeName, spokenName } from "./names.js";
import { prompts } from "./prompts.js";
import { asksWhetherMay, schemeQuestion } from "./question.js";
import { say } from "./reply.js";
import { sayEachLinkOnce } from "./speakable.js";
import type { AnswerLang, DialogueContext, Field, Intent, Reply, Segment } from "./types.js";
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

/** Intents whose yes/no question of whether someone may have it asks who may ("can my husband apply?"). */
const WHETHER_FROM: Intent[] = ["overview", "benefits", "apply", "eligibility", "exclusions"];

/** Cached sentence pools of records (per scheme and language). */
const POOL_CACHE = 64;

/** Related schemes named after a question for "similar schemes". */
const LIST_SIZE_RELATED = 3;

/** In a Hindi answer, English text is announced in Hindi right before it is spoken. */
function withHindiPreface(segments: Segment[], field: Field, lang: AnswerLang): Segment[] {
  const first = segments.findIndex((s) => s.lang === "en");
  if (lang !== "hi" || first < 0) return segments;
  return [...segments.slice(0, first), { text: prompts.englishFollows(field), lang: "hi" }, ...segments.slice(first)];
}

export class SchemeAnswers {
  private readonly pools = new Map<string, Unit[]>();

  constructor(
    private readonly knowledge: () => DialogueKnowledge,
    private readonly generator: AnswerGenerator | null,
    private readonly log?: Logger,
  ) {}

  /** The knowledge base moved to another version: the cached sentence pools are of the old one. */
  forget(): void {
    this.pools.clear();
  }

  /** What to say about one scheme for the question asked; updates the context's current scheme and cursor. */
  async answer(id: string, intent: Intent, question: string | undefined, ctx: DialogueContext, lang: AnswerLang, signal?: AbortSignal, aboutCaller = false): Promise<Reply> {
    const k = this.knowledge();
    const record = await k.kb.store.get(id);
    if (!record) return say(prompts.noSchemeYet[lang], lang, "clarify", intent);
    ctx.currentScheme = { id, turn: ctx.turn };
    ctx.mentioned = [{ id, turn: ctx.turn }, ...ctx.mentioned.filter((m) => m.id !== id)].slice(0, 5);
    if (intent === "related") {
      const related = await k.kb.search.related(id, LIST_SIZE_RELATED);
      return say(prompts.relatedIntro(related.map((r) => spokenName(k, r.schemeId, lang)), lang), lang, "list", "related", related.map((r) => r.schemeId));
    }
    const r = question && !aboutCaller ? readText(k, question) : undefined;
    const asked = r ? schemeQuestion(r, record, k.kb.store.metaOf(id)?.aliases ?? [], k.kb.store.lexicon, k.background) : { words: { english: [], hindi: [], sounds: [] }, asks: [], rest: "", asking: "" };
    // a word of the scheme's name ("… Savings Certificate") names it, it asks for no field: the field the
    // question's own words ask about, when the intent came from this question's words at all
    if (r && r.fieldIntent === intent) intent = fieldIntentOf(asked.asking) ?? "overview";
    // "where" (or whom to see) with no field named asks where to go to apply
    if (intent === "overview" && asked.asks.includes("place")) intent = "apply";
    // "how old must I be", "how much may I earn", "how far must I have studied" are about who can apply,
    // whatever word of amount they use
    // as is "how many of one family may have it"
    // as is whether it may be had beside a benefit of another scheme, when no sum is asked with it
    const ofCaller = (asked.asks.includes("another") && !asked.asks.some((a) => a === "sum" || a === "amount")) || asked.asks.includes("age") || asked.asks.includes("income") || asked.asks.includes("schooling") || asked.asks.includes("persons") || (asked.asks.length > 0 && (asksOfIncome(asked.rest) || asksOfSchooling(asked.rest)));
    // "may a man (my husband, a widow) have it, apply for it?" asks no figure and no way: it is answered by
    // the rule of who may or who may not, whatever word of applying or getting it uses
    const whether = asked.asks.length === 0 && question !== undefined && r !== undefined && WHETHER_FROM.includes(intent) && asksWhetherMay(question, k.kb.store.lexicon);
    const ofApplicant = ofCaller && (intent === "benefits" || intent === "overview");
    const field = whether || ofApplicant ? "eligibility" : (FIELD_OF[intent] ?? "description");
    // a measure of the caller asked (an income, an age, schooling) names the field of who may apply, though
    // no word of the question names a field: what the scheme gives is no answer to it
    const fieldAsked = intent !== "overview" || whether || ofApplicant;
    const budget = k.config.maxWordsPerTurn;
    const pool = this.pool(record, lang);
    const ranking = rankUnits(pool, field, asked.words, asked.asks, budget, lang, fieldAsked, r?.monthlyIncome, whether, asked.age);
    const nameSaid = spokenName(k, id, lang);
    // what the ranker was given, for bench/facts-fit.ts to refit its weights on
    this.log?.debug({ ranking: { schemeId: id, field, words: asked.words, asks: asked.asks, budget, lang, fieldAsked, income: r?.monthlyIncome, whether, age: asked.age, name: nameSaid } }, "answer ranking");
    const intro: Segment[] = [{ text: `${nameSaid.replace(/[.:]+$/, "")}:`, lang: /[\u0900-\u097f]/.test(nameSaid) ? "hi" : "en" }];
    if (ranking.picked === 0 && !fieldHasText(record, field, lang) && field !== "description") return this.noInfo(record, field, lang, intent, intro);
    if (pool.length === 0) return this.noInfo(record, field, lang, intent, intro);
    const spoken = speakFrom(pool, { schemeId: id, field, lang, order: ranking.order, position: 0 }, budget, ranking.picked);
    ctx.cursor = spoken.cursor;
    const said = ranking.picked ? ranking.field : field;
    let segments = [...intro, ...withHindiPreface(spoken.segments, said, lang)];
    let source: Reply["source"] = "composed";
    if (this.generator) {
      const generator = this.generator;
      const request = { question: question ?? "", lang, schemeName: schemeName(k, id, lang), facts: spoken.segments.map((s) => s.text), record };
      const generated = await retryOnce(() => generator.reword(request, signal), k.config.llm.retryBackoffMs, signal).catch((err: unknown) => {
        this.log?.warn({ err: (err as Error).message }, "LLM rewording failed; using the composed answer");
        return null;
      });
      if (generated) {
        segments = [...intro.filter((s) => s.lang === lang), { text: generated, lang }];
        source = "llm";
      }
    }
    const reply = say("", lang, "answer", intent, [id], sayEachLinkOnce(withEnding(segments, said, lang, spoken.hasMore)), said);
    reply.hasMore = spoken.hasMore;
    reply.source = source;
    return reply;
  }

  private noInfo(record: SchemeRecord, field: Field, lang: AnswerLang, intent: Intent, intro: Segment[]): Reply {
    const k = this.knowledge();
    const name = spokenName(k, record.schemeId, lang);
    const about = lang === "hi" && record.description.hi ? record.description.hi : record.description.en;
    const first = sentences(about)[0] ?? "";
    const aboutLang = lang === "hi" && record.description.hi ? "hi" : "en";
    const segments: Segment[] = [...intro, ...(first && field !== "description" ? [{ text: first, lang: aboutLang as AnswerLang }] : []), { text: prompts.noInfo(field, name, lang), lang }];
    return say("", lang, "no_info", intent, [record.schemeId], segments, field);
  }

  /** The rest of the last answer, from where it stopped. */
  async more(ctx: DialogueContext, lang: AnswerLang): Promise<Reply> {
    const k = this.knowledge();
    const cursor = ctx.cursor;
    const record = cursor ? await k.kb.store.get(cursor.schemeId) : undefined;
    if (!cursor || !record || cursor.position >= cursor.order.length) return say(prompts.nothingMore[lang], lang, "more", "more", cursor ? [cursor.schemeId] : []);
    const pool = this.pool(record, cursor.lang);
    const spoken = speakFrom(pool, cursor, k.config.maxWordsPerTurn);
    ctx.cursor = spoken.cursor;
    ctx.currentScheme = { id: cursor.schemeId, turn: ctx.turn };
    const name = spokenName(k, cursor.schemeId, lang);
    const intro: Segment = { text: `${name.replace(/[.:]+$/, "")}:`, lang: /[\u0900-\u097f]/.test(name) ? "hi" : "en" };
    const segments = withEnding([intro, ...withHindiPreface(spoken.segments, cursor.field, lang)], cursor.field, lang, spoken.hasMore);
    const reply = say("", lang, "more", "more", [cursor.schemeId], sayEachLinkOnce(segments), cursor.field);
    reply.hasMore = spoken.hasMore;
    return reply;
  }

  private pool(record: SchemeRecord, lang: AnswerLang): Unit[] {
    const k = this.knowledge();
    const key = `${record.schemeId}|${lang}`;
    let pool = this.pools.get(key);
    if (!pool) {
      pool = unitPool(record, lang, k.config.maxWordsPerTurn);
      if (this.pools.size >= POOL_CACHE) this.pools.delete(this.pools.keys().next().value!);
      this.pools.set(key, pool);
    }
    return pool;
  }
}
