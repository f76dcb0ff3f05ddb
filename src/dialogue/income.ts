// A caller's own income against the income limits a record's sentences state ("annual income up to
// ₹2,00,000", "between ₹2,00,001 and ₹5,00,000", "मासिक आय ₹10,000 से कम"): the sentence whose limits hold
// the caller's income says where they stand; the others are for someone else.
import { amountsIn, hasMoney } from "./units.js";

const INCOME_WORD = /\b(?:income|incomes|earnings?|salary|salaries)\b|(?<![\u0900-\u097f])(?:आय|आमदनी|कमाई|वेतन)(?![\u0900-\u097f])/i;
/** A limit counted by the month; any other income limit is by the year, as records state them. */
const MONTHLY = /\b(?:month|monthly|per mensem)\b|प्रति माह|मासिक|महीने|(?<![\u0900-\u097f])माह(?![\u0900-\u097f])/i;
/** A single figure that is a floor ("above ₹2 lakh", "से अधिक"); otherwise it is a ceiling. */
const FLOOR = /\b(?:above|more than|over|exceeding|at least|minimum)\b|से अधिक|से ज़्यादा|से ज्यादा|से ऊपर|कम से कम/i;
const NEGATED = /\b(?:not|no)\b|नहीं/i;
/** Figures below this are no income limit (an age, acres of land). */
const LEAST_INCOME = 1000;

/** Whether a sentence states an income with a figure of money. */
export function statesIncome(text: string): boolean {
  return INCOME_WORD.test(text) && hasMoney(text) && /\d/.test(text);
}

/** Whether the income limits a sentence states hold a monthly income in rupees; undefined when it states none. */
export function incomeFits(text: string, monthly: number): boolean | undefined {
  if (!statesIncome(text)) return undefined;
  const figures = amountsIn(text).filter((n) => n >= LEAST_INCOME);
  if (figures.length === 0) return undefined;
  const income = MONTHLY.test(text) ? monthly : monthly * 12;
  if (figures.length >= 2) return income >= Math.min(...figures) && income <= Math.max(...figures);
  const limit = figures[0]!;
  return FLOOR.test(text) && !NEGATED.test(text) ? income >= limit : income <= limit;
}
