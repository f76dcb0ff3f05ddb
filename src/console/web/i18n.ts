// The pages' words in English and Hindi (the person's choice, kept in a cookie), and dates, numbers and
// durations written the way each language writes them.
import { boot } from "./app.js";
import { en, type Strings } from "./strings-en.js";
import { hi } from "./strings-hi.js";

export const lang = boot.lang === "hi" ? "hi" : "en";
const strings: Strings = lang === "hi" ? hi : en;
const locale = lang === "hi" ? "hi-IN" : "en-IN";

type Leaves<T, P extends string = ""> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`> }[keyof T & string];
export type Key = Leaves<Strings>;

/** The text of a key, with {name} filled from vars. */
export function t(key: Key, vars: Record<string, string | number> = {}): string {
  let node: unknown = strings;
  for (const part of key.split(".")) node = (node as Record<string, unknown>)[part];
  const text = typeof node === "string" ? node : key;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** A word from a closed set (outcome, state, reason...) in the page's language, or the word itself. */
export function term(group: keyof Strings["terms"], value: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  return (strings.terms[group] as Record<string, string>)[value] ?? value;
}

export function switchLanguage(): void {
  const next = lang === "hi" ? "en" : "hi";
  document.cookie = `sahayak_lang=${next}; Path=/; Max-Age=31536000; SameSite=Strict`;
  location.reload();
}

const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
const timeOnly = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" });
const dayOnly = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short" });
const numbers = new Intl.NumberFormat(locale);

export const fmt = {
  when: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : "—"),
  time: (iso: string) => timeOnly.format(new Date(iso)),
  day: (iso: string) => dayOnly.format(new Date(iso)),
  number: (n: number) => numbers.format(n),
  ms: (ms: number | null | undefined) => (ms === null || ms === undefined ? "—" : `${numbers.format(Math.round(ms))} ${t("units.ms")}`),
  duration: (ms: number) => {
    const s = Math.round(ms / 1000);
    return s < 60 ? `${s} ${t("units.s")}` : `${Math.floor(s / 60)} ${t("units.min")} ${s % 60} ${t("units.s")}`;
  },
};
