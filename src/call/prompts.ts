// Everything the call says outside answers, in Hindi and English. The fixed prompts are rendered once per
// language and voice into the prompt cache (`sahayak prompts render`, run by make setup), so they play
// instantly and still play when the synthesiser fails. Keypad menus name schemes and categories from the
// knowledge base, so they are composed here and synthesised on the call.
import type { AnswerLang } from "../dialogue/index.js";

type Texts = Record<AnswerLang, string>;

export type FixedPromptKey =
  | "welcome"
  | "howToAsk"
  | "nudge"
  | "stillThere"
  | "goodbyeSilence"
  | "maxDuration"
  | "notCaught"
  | "keypadOffer"
  | "busy"
  | "pleaseWait"
  | "technicalProblem"
  | "answerFailed"
  | "asrFailed"
  | "ttsFailed"
  | "transfer"
  | "goodbye"
  | "keypadIntro"
  | "keypadInvalid"
  | "keypadNudge"
  | "rateLimited"
  | "resumed"
  | "welcomeBackAsk"
  | "startAfresh";

export const FIXED_PROMPTS: Record<FixedPromptKey, Texts> = {
  welcome: { en: "Welcome to Sahayak.", hi: "सहायक में स्वागत है।" },
  // the tone follows at once: saying "after the tone" would only delay it
  howToAsk: { en: "Ask your question.", hi: "अपना सवाल पूछिए।" },
  nudge: { en: "Please ask your question.", hi: "कृपया अपना सवाल पूछिए।" },
  stillThere: { en: "Are you still there?", hi: "क्या आप लाइन पर हैं?" },
  goodbyeSilence: { en: "I did not hear anything, so I will end the call now. Please call again. Goodbye.", hi: "मुझे कुछ सुनाई नहीं दिया, इसलिए मैं कॉल समाप्त कर रहा हूँ। कृपया फिर से कॉल करें। नमस्ते।" },
  maxDuration: { en: "We have reached the time limit for this call. Please call again if you have more questions. Goodbye.", hi: "इस कॉल का समय पूरा हो गया है। और सवाल हों तो कृपया फिर से कॉल करें। नमस्ते।" },
  notCaught: { en: "I didn't quite catch that, please repeat.", hi: "मैं ठीक से समझ नहीं पाया, कृपया दोबारा बोलिए।" },
  keypadOffer: { en: "You can use the keypad instead: press 1 for the menu, or 0 to talk to a person.", hi: "आप कीपैड से भी चुन सकते हैं: मेन्यू के लिए 1 दबाइए, या किसी व्यक्ति से बात करने के लिए 0।" },
  busy: { en: "All our lines are busy. Please call again in a few minutes.", hi: "हमारी सभी लाइनें व्यस्त हैं। कृपया कुछ मिनट बाद फिर से कॉल करें।" },
  pleaseWait: { en: "One moment please.", hi: "एक क्षण रुकिए।" },
  technicalProblem: { en: "Sorry, we have a technical problem. Please call again later.", hi: "माफ़ कीजिए, तकनीकी समस्या है। कृपया बाद में फिर से कॉल करें।" },
  answerFailed: { en: "Sorry, I could not look that up just now. Please ask again, or press 0 to talk to a person.", hi: "माफ़ कीजिए, अभी यह जानकारी नहीं मिल पाई। कृपया फिर से पूछिए, या किसी व्यक्ति से बात करने के लिए 0 दबाइए।" },
  asrFailed: { en: "Sorry, I cannot understand speech just now. Please use the keypad.", hi: "माफ़ कीजिए, अभी मैं आवाज़ नहीं समझ पा रहा हूँ। कृपया कीपैड का इस्तेमाल कीजिए।" },
  ttsFailed: { en: "Sorry, I cannot read out answers just now. I will connect you to a person.", hi: "माफ़ कीजिए, अभी मैं जवाब नहीं सुना पा रहा हूँ। मैं आपको किसी व्यक्ति से जोड़ रहा हूँ।" },
  transfer: { en: "I will connect you to a person at the helpline. Please stay on the line.", hi: "मैं आपको हेल्पलाइन के किसी व्यक्ति से जोड़ रहा हूँ। कृपया लाइन पर बने रहिए।" },
  goodbye: { en: "Thank you for calling. Goodbye!", hi: "फ़ोन करने के लिए धन्यवाद। नमस्ते!" },
  keypadIntro: { en: "Hash repeats, 0 for a person.", hi: "दोबारा सुनने के लिए हैश, व्यक्ति के लिए 0।" },
  keypadInvalid: { en: "That key is not in this menu.", hi: "यह बटन इस मेन्यू में नहीं है।" },
  keypadNudge: { en: "Press hash to hear the choices again.", hi: "दोबारा सुनने के लिए हैश दबाइए।" },
  rateLimited: {
    en: "You have called many times already, so we cannot take this call now. Please call again later. Thank you.",
    hi: "आप पहले ही कई बार कॉल कर चुके हैं, इसलिए अभी यह कॉल नहीं ले सकते। कृपया बाद में फिर से कॉल करें। धन्यवाद।",
  },
  resumed: { en: "Welcome back. The call was cut off, so here is where we were.", hi: "फिर से स्वागत है। कॉल कट गई थी, हम वहीं से आगे बढ़ते हैं।" },
  welcomeBackAsk: { en: "Welcome back. Please ask your question.", hi: "फिर से स्वागत है। कृपया अपना सवाल पूछिए।" },
  startAfresh: { en: "Alright. Please ask your new question.", hi: "ठीक है। कृपया अपना नया सवाल पूछिए।" },
};

/** To a caller back within the hour: what they asked about last time, and whether to carry on. */
export function welcomeBack(schemeName: string, lang: AnswerLang): string {
  if (lang === "hi") return `फिर से स्वागत है। पिछली बार आपने ${schemeName} के बारे में पूछा था। क्या वहीं से आगे बढ़ें? हाँ कहिए या 1 दबाइए; नया सवाल हो तो नहीं कहिए या 2 दबाइए, या सीधे पूछिए।`;
  return `Welcome back. Last time you asked about ${schemeName}; shall we continue? Say yes or press 1; for something new, say no or press 2, or just ask.`;
}

/** Back soon after hanging up without a goodbye, having heard the whole answer: straight on with the topic. */
export function resumeAbout(schemeName: string, lang: AnswerLang): string {
  if (lang === "hi") return `फिर से स्वागत है। हम ${schemeName} के बारे में बात कर रहे थे। और क्या जानना चाहेंगे?`;
  return `Welcome back. We were talking about ${schemeName}. What else would you like to know?`;
}

/** The caller chose to carry on: what they can ask next about the scheme. */
export function carryOnAbout(schemeName: string, lang: AnswerLang): string {
  if (lang === "hi") return `ठीक है। ${schemeName} के बारे में क्या जानना चाहेंगे: कौन आवेदन कर सकता है, लाभ, ज़रूरी दस्तावेज़, या आवेदन कैसे करें?`;
  return `Okay. What would you like to know about ${schemeName}: who can apply, the benefits, the documents, or how to apply?`;
}

/**
 * One language's line of the opening, in that language: "for Hindi, press 1", and for the language the
 * call listens in from the first second, "or just ask your question". Each language is named once, in
 * its own words; the first line carries the welcome.
 */
export function openingLine(languages: readonly AnswerLang[], lang: AnswerLang, options: { welcome: boolean; canAsk: boolean }): string {
  const key = languages.indexOf(lang) + 1;
  const welcome = options.welcome ? `${FIXED_PROMPTS.welcome[lang]} ` : "";
  if (lang === "hi") return `${welcome}हिंदी के लिए ${key} दबाइए${options.canAsk ? ", या सीधे अपना सवाल पूछिए" : ""}।`;
  return `${welcome}For English, press ${key}${options.canAsk ? ", or just ask your question" : ""}.`;
}

/** Every opening line a call with these languages may say (whichever language listens), for the prompt cache. */
export function openingLines(languages: readonly AnswerLang[]): { text: string; lang: AnswerLang }[] {
  return languages.flatMap((lang, i) => [true, false].flatMap((canAsk) => [i === 0, false].map((welcome) => ({ text: openingLine(languages, lang, { welcome, canAsk }), lang }))));
}

/** Every fixed prompt (and the opening lines) in every language, for the prompt cache. */
export function allFixedPrompts(languages: readonly AnswerLang[]): { text: string; lang: AnswerLang }[] {
  const langs: AnswerLang[] = ["en", "hi"];
  const all = [...Object.values(FIXED_PROMPTS).flatMap((t) => langs.map((lang) => ({ text: t[lang], lang }))), ...openingLines(languages)];
  return all.filter((p, i) => all.findIndex((q) => q.text === p.text && q.lang === p.lang) === i);
}

/** Spoken names of myScheme's categories; an unknown slug is read from its words. */
const CATEGORY_NAME: Record<string, Texts> = {
  "social-welfare": { en: "social welfare", hi: "सामाजिक कल्याण" },
  education: { en: "education", hi: "शिक्षा" },
  "business-entrepreneurship": { en: "business", hi: "व्यापार" },
  "agriculture-rural-environment": { en: "farming and rural", hi: "खेती और ग्रामीण" },
  "women-child": { en: "women and children", hi: "महिला और बच्चे" },
  "skills-employment": { en: "skills and jobs", hi: "कौशल और रोज़गार" },
  "banking-finance-insurance": { en: "banking and insurance", hi: "बैंक और बीमा" },
  "health-wellness": { en: "health", hi: "स्वास्थ्य" },
  "sports-culture": { en: "sports and culture", hi: "खेल और संस्कृति" },
  "housing-shelter": { en: "housing", hi: "आवास" },
  "science-it-communications": { en: "science and technology", hi: "विज्ञान और तकनीक" },
  "transport-infrastructure": { en: "transport", hi: "परिवहन" },
  "utility-sanitation": { en: "water and sanitation", hi: "पानी और स्वच्छता" },
  "travel-tourism": { en: "travel and tourism", hi: "यात्रा और पर्यटन" },
  "public-safety-law-justice": { en: "law and justice", hi: "कानून और न्याय" },
};

export function categoryName(slug: string, lang: AnswerLang): string {
  return CATEGORY_NAME[slug]?.[lang] ?? slug.replace(/-/g, " ");
}

/**
 * How long espeak-ng takes to say a text: per letter (a Devanagari vowel sign is part of its letter) and
 * per pause (, ; : . ।). Fitted on the real keypad menus of the knowledge base (hi 121 ms + 532 ms,
 * en 76 ms + 526 ms, at most 7 % short), with 8 % added so a menu estimated within its limit is.
 */
const SPEAKING_RATE: Record<AnswerLang, { letterMs: number; pauseMs: number }> = {
  hi: { letterMs: 131, pauseMs: 575 },
  en: { letterMs: 82, pauseMs: 570 },
};

export function spokenMs(text: string, lang: AnswerLang): number {
  const letters = text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
  const pauses = text.match(/[,;:.।!?]/g)?.length ?? 0;
  return letters * SPEAKING_RATE[lang].letterMs + pauses * SPEAKING_RATE[lang].pauseMs;
}

/**
 * A scheme's name as a menu says it: once (without the acronym or note the record adds in brackets, unless
 * `brackets` keeps their words, without quotes or the description some records put after a colon), and no
 * longer than `maxMs` to say: a long name is cut at a word; the caller only needs to tell it from the others.
 */
export function spokenName(name: string, lang: AnswerLang, maxMs: number, options: { brackets?: boolean } = {}): string {
  const unbracketed = options.brackets ? name.replace(/[()[\]]/g, " ") : name.replace(/\s*[([][^)\]]*[)\]]/g, "");
  const plain = unbracketed.replace(/["“”]/g, "").split(/:\s/)[0]!.replace(/\s+/g, " ").trim() || name;
  const words = plain.split(" ");
  let n = words.length;
  while (n > 1 && spokenMs(words.slice(0, n).join(" "), lang) > maxMs) n--;
  return words.slice(0, n).join(" ").replace(/[,;/-]+$/, "");
}

/** "X के लिए 1, Y के लिए 2" / "1 for X, 2 for Y", and 9 for the next page. */
function choices(names: string[], lang: AnswerLang, more: string | undefined): string {
  const items = lang === "hi" ? names.map((n, i) => `${n} के लिए ${i + 1}`) : names.map((n, i) => `${i + 1} for ${n}`);
  if (more) items.push(lang === "hi" ? `${more} के लिए 9` : `9 for ${more}`);
  return items.join(", ");
}

const BACK: Texts = { en: "Star to go back.", hi: "पीछे के लिए स्टार।" };

export const keypadPrompts = {
  categories(slugs: string[], lang: AnswerLang, nextPage: boolean): string {
    const names = slugs.map((s) => categoryName(s, lang));
    if (lang === "hi") return `विषय चुनिए: ${choices(names, lang, nextPage ? "और विषयों" : undefined)}।`;
    return `Choose a topic: press ${choices(names, lang, nextPage ? "more topics" : undefined)}.`;
  },
  /** A topic's schemes; `names` as spokenName says them. */
  schemes(category: string, names: string[], lang: AnswerLang, nextPage: boolean): string {
    if (lang === "hi") return `${categoryName(category, lang)} की योजनाएँ: ${choices(names, lang, nextPage ? "और योजनाओं" : undefined)}। ${BACK.hi}`;
    return `Schemes for ${categoryName(category, lang)}: press ${choices(names, lang, nextPage ? "more schemes" : undefined)}. ${BACK.en}`;
  },
  /** One scheme's menu; `name` as spokenName says it. */
  fields(name: string, lang: AnswerLang, more: boolean): string {
    // star (back) was offered by the list this menu came from
    if (lang === "hi") return `${name}: जानकारी 1, पात्रता 2, लाभ 3, दस्तावेज़ 4, आवेदन 5${more ? ", और सुनने के लिए 6" : ""}।`;
    return `${name}: press 1 for what it is, 2 who can apply, 3 benefits, 4 documents, 5 how to apply${more ? ", 6 for more" : ""}.`;
  },
};
