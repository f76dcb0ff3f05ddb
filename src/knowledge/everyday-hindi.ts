// Everyday Hindi words the English–Hindi dictionary lacks or glosses by another word's sound ("saas" is no
// word of FreeDict's; "sasur" met by sound is a boar): the words of kin, of time and of address a caller
// tells their story in. General language, in both the ways callers write it; never a scheme's name (a word schemes' names use, "Amma", "Didi", is left to them).

/** Each entry: its English meanings, then the word in Devanagari and its romanised spellings. */
const ENTRIES: readonly [english: string, words: string][] = [
  // (a relation by marriage means its word and the kin word everyday English counts: "mother-in-law", "mother")
  // kin
  ["mother-in-law mother", "सास saas sasu"],
  ["father-in-law father", "ससुर sasur sasura"],
  ["daughter-in-law daughter", "बहू बहु bahu bahoo"],
  ["son-in-law son", "दामाद damad damaad"],
  ["brother-in-law brother", "देवर जेठ जीजा devar dewar jeth jija jeeja"],
  ["sister-in-law sister", "ननद भाभी nanad nanand bhabhi bhabi"],
  ["aunt", "चाची मामी बुआ मौसी ताई chachi mami bua buaa mausi"],
  ["uncle", "चाचा मामा ताऊ मौसा फूफा chacha mama tau tauji mausa fufa phupha"],
  ["grandmother", "दादी नानी dadi daadi nani naani"],
  ["grandfather", "दादा नाना dada daada naana"],
  ["grandson", "पोता नाती pota naati nati"],
  ["granddaughter", "पोती नातिन poti natin"],
  ["husband", "पति शौहर pati shauhar"],
  ["wife", "पत्नी बीवी बीबी घरवाली patni biwi bibi beewi gharwali"],
  ["son", "बेटा ladka"],
  ["brother", "भाई भैया bhai bhaiya"],
  ["sister", "बहन behen bahan behan"],
  ["mother", "माँ maa ammi"],
  ["father", "बापू पिताजी baap bapu pitaji abba"],
  // time
  ["year", "साल बरस saal sal baras"],
  ["month", "महीना महीने mahina mahine mahino"],
  ["week", "हफ़्ता हफ्ता हफ़्ते हफ्ते hafta hafte"],
  ["day", "दिन din dino"],
  // (a time, an occasion: "ek baar", "kitni baar", "दूसरी दफ़ा")
  ["time", "बार दफ़ा दफा baar dafa"],
  // address
  ["sir", "साहब sahab"],
];

/** Devanagari word → English meanings. */
export const EVERYDAY_HINDI_DEVANAGARI: ReadonlyMap<string, string[]> = new Map(
  ENTRIES.flatMap(([english, words]) => words.split(" ").filter((w) => /[\u0900-\u097f]/.test(w)).map((w) => [w, english.split(" ")] as [string, string[]])),
);

/** Romanised spelling → English meanings (these short words are met by their spelling, not their sound: "saal" sounds like too many). */
export const EVERYDAY_HINDI_ROMAN: ReadonlyMap<string, string[]> = new Map(
  ENTRIES.flatMap(([english, words]) => words.split(" ").filter((w) => /^[a-z]+$/.test(w)).map((w) => [w, english.split(" ")] as [string, string[]])),
);
