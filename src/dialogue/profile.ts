// Eligibility check: how well a scheme fits what a caller said about themselves (age, income, state,
// who they are). Conservative: a scheme is excluded only when the record plainly says so.
import type { SchemeMeta, SchemeRecord } from "../knowledge/index.js";
import type { Profile } from "./types.js";

export interface ProfileFit {
  schemeId: string;
  /** Higher is better; -Infinity when the record rules the caller out. */
  score: number;
  reasons: string[];
}

/** Age limits from the record's ageRange and from "between 18 and 40 years" in its eligibility. */
export function ageLimits(record: SchemeRecord): { min?: number; max?: number } {
  let min: number | undefined;
  let max: number | undefined;
  const text = (record.eligibility.criteria.en ?? []).join(" ");
  const between = /(?:between|from)\s+(\d{1,2})\s*(?:years?\s*)?(?:and|to|-)\s*(\d{1,3})\s*years?/i.exec(text);
  if (between) {
    min = Number(between[1]);
    max = Number(between[2]);
  } else {
    const atLeast = /(?:at least|minimum age of|above|not less than)\s+(\d{1,2})\s*years?/i.exec(text) ?? /(\d{1,2})\s*years?\s*(?:of age\s*)?(?:or above|and above|or more)/i.exec(text);
    if (atLeast) min = Number(atLeast[1]);
  }
  if (min === undefined && max === undefined && record.ageRange) {
    // catalog records carry myScheme's age filter per group; use the widest
    const ranges = Object.values(record.ageRange);
    const lows = ranges.map((r) => r.gte).filter((n): n is number => n !== undefined);
    const highs = ranges.map((r) => r.lte).filter((n): n is number => n !== undefined);
    if (lows.length) min = Math.min(...lows);
    if (highs.length) max = Math.max(...highs);
  }
  return { min, max };
}

/** Monthly income ceiling stated in the eligibility criteria, in rupees. */
export function incomeCeiling(record: SchemeRecord): number | undefined {
  for (const s of record.eligibility.criteria.en ?? []) {
    if (!/income/i.test(s) || !/(or less|or below|less than|below|up to|upto|not exceed|not more than|maximum)/i.test(s)) continue;
    const m = /(?:₹|rs\.?|inr)\s*([\d,]+(?:\.\d+)?)\s*(lakhs?)?/i.exec(s);
    if (!m) continue;
    let amount = Number(m[1]!.replace(/,/g, ""));
    if (m[2]) amount *= 100000;
    return /annual|yearly|per annum|a year/i.test(s) ? amount / 12 : amount;
  }
  return undefined;
}

export function profileFit(meta: SchemeMeta, record: SchemeRecord | undefined, profile: Profile): ProfileFit {
  const reasons: string[] = [];
  let score = 0;
  for (const b of profile.beneficiaries) {
    if (meta.beneficiaries.includes(b)) {
      score += 1;
      reasons.push(b);
    }
  }
  if (profile.beneficiaries.length && !profile.beneficiaries.some((b) => meta.beneficiaries.includes(b))) score -= 1;
  if (profile.state) {
    if (meta.level === "state" && !meta.states.includes(profile.state)) return { schemeId: meta.schemeId, score: -Infinity, reasons: ["other state"] };
    if (meta.states.includes(profile.state)) score += 0.5;
  }
  if (record && profile.age !== undefined) {
    const { min, max } = ageLimits(record);
    if ((min !== undefined && profile.age < min) || (max !== undefined && profile.age > max)) return { schemeId: meta.schemeId, score: -Infinity, reasons: ["age"] };
    if (min !== undefined || max !== undefined) {
      score += 0.5;
      reasons.push("age");
    }
  }
  if (record && profile.monthlyIncome !== undefined) {
    const ceiling = incomeCeiling(record);
    if (ceiling !== undefined) {
      if (profile.monthlyIncome > ceiling) return { schemeId: meta.schemeId, score: -Infinity, reasons: ["income"] };
      score += 0.5;
      reasons.push("income");
    }
  }
  return { schemeId: meta.schemeId, score, reasons };
}

/** Facts the caller gave about themselves in this turn, merged into what is known. */
export function mergeProfile(known: Profile, update: Partial<Profile>): Profile {
  return {
    age: update.age ?? known.age,
    monthlyIncome: update.monthlyIncome ?? known.monthlyIncome,
    state: update.state ?? known.state,
    beneficiaries: [...new Set([...known.beneficiaries, ...(update.beneficiaries ?? [])])],
  };
}
