// The fixed things the helpline says outside answers: rendered once per language and voice into the
// prompt cache (`sahayak prompts render`, run by make setup), so they play instantly on a call and
// still play when the synthesiser fails.
export type FixedPromptKey =
  | "welcome"
  | "languageMenu"
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
  | "transfer"
  | "goodbye";

export const FIXED_PROMPTS: Record<FixedPromptKey, { en: string; hi: string }> = {
  welcome: { en: "Welcome to Sahayak, the government schemes helpline.", hi: "सहायक में आपका स्वागत है। यह सरकारी योजनाओं की हेल्पलाइन है।" },
  languageMenu: { en: "Say the name of your language, or press 1 for Hindi, 2 for English.", hi: "अपनी भाषा का नाम बोलिए, या हिंदी के लिए 1 दबाइए, अंग्रेज़ी के लिए 2।" },
  howToAsk: { en: "Please ask your question after the tone.", hi: "कृपया टोन के बाद अपना सवाल पूछिए।" },
  nudge: { en: "I'm listening, please speak your question.", hi: "मैं सुन रहा हूँ, कृपया अपना सवाल बोलिए।" },
  stillThere: { en: "Are you still there?", hi: "क्या आप लाइन पर हैं?" },
  goodbyeSilence: { en: "I did not hear anything, so I will end the call now. Please call again. Goodbye.", hi: "मुझे कुछ सुनाई नहीं दिया, इसलिए मैं कॉल समाप्त कर रहा हूँ। कृपया फिर से कॉल करें। नमस्ते।" },
  maxDuration: { en: "We have reached the time limit for this call. Please call again if you have more questions. Goodbye.", hi: "इस कॉल का समय पूरा हो गया है। और सवाल हों तो कृपया फिर से कॉल करें। नमस्ते।" },
  notCaught: { en: "I didn't quite catch that, please repeat.", hi: "मैं ठीक से समझ नहीं पाया, कृपया दोबारा बोलिए।" },
  keypadOffer: { en: "You can use the keypad instead: press 1 for the menu, or 0 to talk to a person.", hi: "आप कीपैड से भी चुन सकते हैं: मेन्यू के लिए 1 दबाइए, या किसी व्यक्ति से बात करने के लिए 0।" },
  busy: { en: "All our lines are busy. Please call again in a few minutes.", hi: "हमारी सभी लाइनें व्यस्त हैं। कृपया कुछ मिनट बाद फिर से कॉल करें।" },
  pleaseWait: { en: "One moment please.", hi: "एक क्षण रुकिए।" },
  technicalProblem: { en: "Sorry, we have a technical problem. Please call again later.", hi: "माफ़ कीजिए, तकनीकी समस्या है। कृपया बाद में फिर से कॉल करें।" },
  transfer: { en: "I will connect you to a person at the helpline. Please stay on the line.", hi: "मैं आपको हेल्पलाइन के किसी व्यक्ति से जोड़ रहा हूँ। कृपया लाइन पर बने रहिए।" },
  goodbye: { en: "Thank you for calling. Goodbye!", hi: "फ़ोन करने के लिए धन्यवाद। नमस्ते!" },
};
