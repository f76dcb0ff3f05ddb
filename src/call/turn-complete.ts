// Whether the words heard at a caller's pause already make a whole request, so the turn may end as soon as
// the reply prepared there is ready (the endpoint's shorter completeDelayMs) instead of waiting minDelayMs
// to learn whether they go on — the adaptive end of turn of LiveKit's end-of-utterance model and Pipecat's
// smart-turn, judged here from what this pipeline already knows at the pause: the kind of reply the
// dialogue gave the words, the recogniser's confidence, and whether the words end on one that announces
// more. Anything in doubt waits the full delay, as before.
import type { Action } from "../dialogue/index.js";
import type { PreparedReply } from "./preemptive.js";

/**
 * Replies that settle a request: facts, a list, the rest of an answer, "not known" or "not ours", goodbye,
 * a person. Not a question back (clarify, confirm), nor a repeat, help or greeting, which a fragment
 * ("hello", "I want to ask") also gets: those wait to hear whether the caller goes on.
 */
const FINAL_ACTIONS: ReadonlySet<Action> = new Set<Action>(["answer", "list", "more", "no_info", "out_of_scope", "end", "transfer"]);

/**
 * Replies that ask back but name schemes: a short choice of schemes that fit the request ("1: …, 2: …"), or
 * "did you mean <scheme>?". The words they answer asked about schemes the caller can now pick from, which a
 * fragment does not earn; a question back with no scheme in it (which scheme? who is it for?) still waits.
 */
function offersSchemes(reply: Pick<PreparedReply["reply"], "action" | "schemeIds">): boolean {
  return (reply.action === "clarify" && reply.schemeIds.length >= 2) || (reply.action === "confirm" && reply.schemeIds.length === 1);
}

/**
 * Words a sentence does not end on in English, Hindi and romanised Hindi: conjunctions, prepositions and
 * postpositions, articles and possessives, and hesitations. General grammar only: a request that ends on
 * one of them has more to come. Words a question may end on ("what is this", "yes I do", "kab se hai")
 * are left out: a wrong "more to come" costs only the wait of today, a wrong "complete" cuts the caller off.
 */
const OPEN_ENDINGS: ReadonlySet<string> = new Set([
  // English conjunctions and subordinators
  ..."and or but nor because although though if unless whether than while".split(" "),
  // English prepositions
  ..."for of to in on at by with without from about into onto over under between among through during after before like per via towards regarding".split(" "),
  // English articles and possessives, waiting for the noun they govern
  ..."the a an my our your their every each".split(" "),
  // hesitations
  ..."um umm uh uhh er erm hmm".split(" "),
  // Hindi conjunctions and postpositions (Devanagari)
  ..."और या तथा एवं लेकिन पर परंतु किंतु कि क्योंकि अगर यदि तो के की का को में से तक लिए ने बारे वाले वाली वाला जो जिस जिसमें जैसे मतलब यानी".split(" "),
  // the same, romanised
  ..."aur ya tatha evam lekin par parantu kintu ki kyonki kyunki agar yadi to ke ka ko mein me se tak liye lie ne baare bare wale wali wala vale vali vala jo jis jisme jaise matlab yaani yani".split(" "),
]);

/** The words end on one that announces more (a conjunction, preposition, postposition…). */
export function endsOpen(text: string): boolean {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}']+/u)
    .filter(Boolean);
  const last = words.at(-1);
  return last === undefined || OPEN_ENDINGS.has(last);
}

/**
 * The request heard at the pause is whole: the reply prepared on it settles it or offers schemes to pick
 * from, the recogniser heard it
 * with ordinary confidence (call.minConfidence, below which the caller would be asked to repeat), and it
 * does not end on a word that announces more.
 */
export function turnComplete(prepared: Pick<PreparedReply, "utterance" | "reply">, minConfidence: number): boolean {
  const { utterance, reply } = prepared;
  return (FINAL_ACTIONS.has(reply.action) || offersSchemes(reply)) && (utterance.confidence ?? 0) >= minConfidence && !endsOpen(utterance.text);
}
