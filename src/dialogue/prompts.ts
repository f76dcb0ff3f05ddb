// Every fixed sentence the helpline says, in English and Hindi. Short, for the ear.
import { detectScript, romanTokens } from "../knowledge/text.js";
import type { AnswerLang, Field } from "./types.js";

type Texts = Record<AnswerLang, string>;

const FIELD_NAME: Record<Field, Texts> = {
  description: { en: "what it is", hi: "योजना क्या है" },
  eligibility: { en: "who can apply", hi: "कौन आवेदन कर सकता है" },
  exclusions: { en: "who cannot apply", hi: "कौन पात्र नहीं है" },
  benefits: { en: "the benefits", hi: "लाभ" },
  documents: { en: "the documents needed", hi: "ज़रूरी दस्तावेज़" },
  application: { en: "how to apply", hi: "आवेदन का तरीका" },
  contact: { en: "the helpline", hi: "हेल्पलाइन" },
};

/** What a caller may ask next, offered after an answer (never the field just answered). */
const NEXT_OFFERS: Record<Field, Field[]> = {
  description: ["eligibility", "benefits"],
  eligibility: ["documents", "benefits"],
  exclusions: ["eligibility", "documents"],
  benefits: ["eligibility", "application"],
  documents: ["application", "eligibility"],
  application: ["documents", "contact"],
  contact: ["application", "documents"],
};

const GROUP_NAMES: Record<string, Texts> = {
  farmer: { en: "farmers", hi: "किसान" },
  woman: { en: "women", hi: "महिलाएँ" },
  widow: { en: "widows", hi: "विधवाएँ" },
  student: { en: "students", hi: "छात्र" },
  senior: { en: "the elderly", hi: "बुज़ुर्ग" },
  disabled: { en: "people with disability", hi: "दिव्यांग" },
  sc: { en: "Scheduled Castes", hi: "अनुसूचित जाति" },
  st: { en: "Scheduled Tribes", hi: "अनुसूचित जनजाति" },
  obc: { en: "backward classes", hi: "पिछड़ा वर्ग" },
  minority: { en: "minorities", hi: "अल्पसंख्यक" },
  worker: { en: "workers", hi: "मज़दूर" },
  youth: { en: "young people looking for work", hi: "बेरोज़गार युवा" },
  child: { en: "children", hi: "बच्चे" },
  entrepreneur: { en: "businesses", hi: "व्यापार" },
  fisherman: { en: "fishermen", hi: "मछुआरे" },
  artisan: { en: "artisans", hi: "कारीगर" },
  poor: { en: "poor families", hi: "गरीब परिवार" },
  street_vendor: { en: "street vendors", hi: "रेहड़ी-पटरी वाले" },
};

export const prompts = {
  fieldName: (field: Field, lang: AnswerLang): string => FIELD_NAME[field][lang],

  offerMore(field: Field, lang: AnswerLang, hasMore: boolean): string {
    const [a, b] = NEXT_OFFERS[field].map((f) => FIELD_NAME[f][lang]);
    if (lang === "hi") return hasMore ? `और सुनने के लिए "और" कहिए, या ${a} पूछिए।` : `आप ${a} या ${b} के बारे में पूछ सकते हैं।`;
    return hasMore ? `Say "more" to hear the rest, or ask about ${a}.` : `You can ask about ${a} or ${b}.`;
  },

  nothingMore: { en: "That is all I have on this. You can ask about another scheme.", hi: "इस बारे में इतनी ही जानकारी है। आप किसी और योजना के बारे में पूछ सकते हैं।" } as Texts,

  outOfScope: {
    en: "Sorry, this helpline only answers questions about government schemes. For example, you can ask: who can get PM Kisan, or which documents are needed for Ayushman Bharat.",
    hi: "माफ़ कीजिए, यह हेल्पलाइन केवल सरकारी योजनाओं के बारे में जानकारी देती है। जैसे आप पूछ सकते हैं: पीएम किसान किसे मिलता है, या आयुष्मान भारत के लिए कौन से दस्तावेज़ चाहिए।",
  } as Texts,

  help: {
    en: "Ask me about any government scheme: who can apply, the benefits, the documents, or how to apply. For example: what is PM Kisan? Say 'agent' to talk to a person.",
    hi: "आप किसी भी सरकारी योजना के बारे में पूछ सकते हैं: कौन आवेदन कर सकता है, क्या लाभ है, कौन से दस्तावेज़ चाहिए, या आवेदन कैसे करें। जैसे: पीएम किसान क्या है? किसी व्यक्ति से बात करने के लिए 'एजेंट' कहिए।",
  } as Texts,

  helpIntro: {
    en: "Ask me about any government scheme: who can apply, the benefits, the documents, or how to apply.",
    hi: "आप किसी भी सरकारी योजना के बारे में पूछ सकते हैं: कौन आवेदन कर सकता है, क्या लाभ है, कौन से दस्तावेज़ चाहिए, या आवेदन कैसे करें।",
  } as Texts,

  greet: {
    en: "Namaste! Ask me about any government scheme.",
    hi: "नमस्ते! किसी भी सरकारी योजना के बारे में पूछिए।",
  } as Texts,

  empty: {
    en: "I did not hear a question. Please ask about a government scheme.",
    hi: "मुझे कोई सवाल सुनाई नहीं दिया। कृपया किसी सरकारी योजना के बारे में पूछिए।",
  } as Texts,

  transfer: {
    en: "I will connect you to a person at the helpline. Please stay on the line.",
    hi: "मैं आपको हेल्पलाइन के किसी व्यक्ति से जोड़ रहा हूँ। कृपया लाइन पर बने रहिए।",
  } as Texts,

  goodbye: {
    en: "Thank you for calling. Goodbye!",
    hi: "फ़ोन करने के लिए धन्यवाद। नमस्ते!",
  } as Texts,

  nothingToRepeat: {
    en: "I have not said anything yet. Please ask your question.",
    hi: "मैंने अभी तक कुछ नहीं कहा है। कृपया अपना सवाल पूछिए।",
  } as Texts,

  /** Names of beneficiary groups, as a menu says them. */
  groupName(group: string, lang: AnswerLang): string {
    return GROUP_NAMES[group]?.[lang] ?? group.replace(/_/g, " ");
  },

  noSchemeYet: {
    en: "Which scheme do you mean? Please say its name, for example PM Kisan or Ayushman Bharat.",
    hi: "आप किस योजना के बारे में पूछ रहे हैं? कृपया उसका नाम बताइए, जैसे पीएम किसान या आयुष्मान भारत।",
  } as Texts,

  /** A kind of help answered with a short choice of schemes by name, with keypad numbers. */
  categoryChoice(names: string[], lang: AnswerLang): string {
    const numbered = names.map((n, i) => (lang === "hi" ? `${i + 1}: ${n}` : `${i + 1}: ${n}`));
    if (lang === "hi") return `इसके लिए ये योजनाएँ हैं। ${numbered.join("। ")}। किस योजना के बारे में जानना चाहेंगे? नाम बोलिए या उसका नंबर दबाइए।`;
    return `There are these schemes for that. ${numbered.join(". ")}. Which one would you like to hear about? Say its name or press its number.`;
  },

  /** A vague request: who the help is for, each group with a keypad number. */
  topicChoice(groups: string[], lang: AnswerLang): string {
    const numbered = groups.map((g, i) => `${i + 1} ${lang === "hi" ? "—" : "for"} ${g}`);
    if (lang === "hi") return `मैं सही योजना ढूँढने में मदद करूँगा। योजना किसके लिए चाहिए: ${groups.join(", ")}? बोलिए, या दबाइए ${numbered.join("; ")}।`;
    return `I can help you find a scheme. Who is it for: ${groups.join(", ")}? Say one, or press ${numbered.join(", ")}.`;
  },

  /** A scheme the caller named that the knowledge base does not hold. */
  noSuchScheme(named: string, lang: AnswerLang): string {
    if (lang === "hi") return `माफ़ कीजिए, ${named} के बारे में मेरे पास कोई जानकारी नहीं है। आप किसी और योजना के बारे में पूछ सकते हैं, जैसे पीएम किसान या आयुष्मान भारत।`;
    // a caller of another Indian language is answered in English: the name as English speech can say it
    const said = detectScript(named) === "latin" ? named : romanTokens(named).join(" ");
    return `Sorry, I have no details of ${said}. You can ask about another scheme, for example PM Kisan or Ayushman Bharat.`;
  },

  /** A scheme heard by sound alone, offered for a yes or no. */
  confirmScheme(name: string, lang: AnswerLang): string {
    if (lang === "hi") return `क्या आप ${name} के बारे में पूछ रहे हैं? हाँ कहिए या 1 दबाइए, नहीं तो योजना का नाम फिर से बोलिए।`;
    return `Did you mean ${name}? Say yes or press 1, or say the name again.`;
  },

  sayNameAgain: {
    en: "Please say the name of the scheme again, slowly.",
    hi: "कृपया योजना का नाम फिर से धीरे-धीरे बोलिए।",
  } as Texts,

  chooseAmong(names: string[], lang: AnswerLang): string {
    const numbered = names.map((n, i) => (lang === "hi" ? `${i + 1} दबाइए ${n} के लिए` : `${i + 1} for ${n}`));
    if (lang === "hi") return `आप किस योजना के बारे में पूछ रहे हैं: ${names.join(", या ")}? नाम बोलिए, या ${numbered.join("; ")}।`;
    return `Which one do you mean: ${names.join(", or ")}? Say the name, or press ${numbered.join(", ")}.`;
  },

  askProfile(question: "age_work" | "state", lang: AnswerLang): string {
    if (question === "state") return lang === "hi" ? "आप किस राज्य में रहते हैं?" : "Which state do you live in?";
    return lang === "hi"
      ? "मैं सही योजना बताने में मदद करूँगा। आपकी उम्र क्या है, और आप क्या काम करते हैं?"
      : "I can help you find the right one. How old are you, and what work do you do?";
  },

  matchingSchemes(names: string[], lang: AnswerLang): string {
    if (lang === "hi") return `आपके लिए ये योजनाएँ हो सकती हैं: ${names.join("; ")}। किसी एक का नाम लेकर और पूछिए।`;
    return `These schemes may suit you: ${names.join("; ")}. Ask about any of them by name.`;
  },

  noMatchingSchemes: {
    en: "I could not find a scheme that matches what you told me. You can ask about a scheme by name, or say 'agent' to talk to a person.",
    hi: "आपकी बताई जानकारी से मेल खाती कोई योजना नहीं मिली। आप किसी योजना का नाम लेकर पूछ सकते हैं, या किसी व्यक्ति से बात करने के लिए 'एजेंट' कहिए।",
  } as Texts,

  listIntro(what: string, names: string[], lang: AnswerLang): string {
    if (lang === "hi") return `${what} के लिए कुछ योजनाएँ: ${names.join("; ")}। किसी के बारे में और जानने के लिए उसका नाम बोलिए।`;
    return `Some schemes ${what}: ${names.join("; ")}. Say a name to hear more.`;
  },

  relatedIntro(names: string[], lang: AnswerLang): string {
    if (lang === "hi") return `इससे मिलती-जुलती योजनाएँ: ${names.join("; ")}।`;
    return `Similar schemes: ${names.join("; ")}.`;
  },

  noInfo(field: Field, name: string, lang: AnswerLang): string {
    if (lang === "hi") return `${name} के लिए ${FIELD_NAME[field].hi} की जानकारी मेरे पास नहीं है। नज़दीकी सीएससी केंद्र या myscheme पोर्टल से पता कर सकते हैं।`;
    return `I do not have details of ${FIELD_NAME[field].en} for ${name}. Your nearest Common Service Centre or the myScheme portal can tell you.`;
  },

  /** Said in Hindi before English text when the record has no Hindi for the field. */
  englishFollows(field: Field): string {
    return `${FIELD_NAME[field].hi} की जानकारी अभी केवल अंग्रेज़ी में उपलब्ध है:`;
  },

  /** A caller who spoke another Indian language is answered in English, and told so once. */
  otherLanguageNote: "I can answer in English or Hindi.",

  helplineIs: { en: "The helpline number is", hi: "हेल्पलाइन नंबर है" } as Texts,
  portalIs: { en: "Details are on the myScheme portal.", hi: "पूरी जानकारी myScheme पोर्टल पर है।" } as Texts,
};
