// The call in keypad mode: a language without a recogniser, a recogniser that failed, or a caller who
// chose the keys. Each key moves through the menus (keypad.ts) and an answer is followed by the menu it
// came from; silence gets a short nudge ("hash to hear the choices again"), never the whole menu again.
import type { Reply, Segment } from "../dialogue/index.js";
import { retryOnce } from "../ops/retry.js";
import { KeypadMenu } from "./keypad.js";
import { FIXED_PROMPTS } from "./prompts.js";
import type { FlowScope } from "./scope.js";

/** What was said last, for # (repeat) and for whether 6 (more) is on offer. */
interface LastSaid {
  segments: Segment[];
  more: boolean;
  reply?: Reply;
}

export class KeypadMode {
  private menu: KeypadMenu | undefined;
  private last: LastSaid | undefined;

  constructor(private readonly s: FlowScope) {}

  /** The menus in the call's language (made once: a page's choices depend on the language's pace). */
  private keypad(): KeypadMenu {
    const k = this.s.config.keypad;
    this.menu ??= new KeypadMenu(this.s.services.keypad, { lang: this.s.lang, pageSize: k.pageSize, maxMenuMs: k.maxMenuMs });
    return this.menu;
  }

  async enter(reason: string): Promise<void> {
    this.s.toState("LISTENING", reason);
    this.s.toState("RESPONDING", "keypad menu");
    const intro = await this.s.voice.sayPrompt("keypadIntro", { interruptible: true });
    // a caller who already pressed the next key knows the menu
    if (intro.completed || !this.s.inbox.pending) await this.say([], false);
  }

  async digit(digit: string): Promise<void> {
    const s = this.s;
    const menu = this.keypad();
    s.voice.recordCaller({ text: "", lang: s.lang, dtmf: digit, action: "keypad" });
    s.toState("PROCESSING", `key ${digit}`);
    const more = this.last?.more ?? false;
    const action = menu.press(digit, more);
    switch (action.kind) {
      case "transfer":
        return s.transfer("caller pressed 0");
      case "repeat":
        return this.say(this.last?.segments ?? [], more, true, this.last?.reply);
      case "invalid":
        return this.say([{ text: FIXED_PROMPTS.keypadInvalid[s.lang], lang: s.lang }], more);
      case "menu":
        return this.say([], false);
      case "answer":
      case "more": {
        const step = () => (action.kind === "answer" ? s.services.dialogue.answerAbout(action.schemeId, action.intent, s.ctx, s.call.signal) : s.services.dialogue.continueAnswer(s.ctx));
        const reply = await s.withFiller(() => retryOnce(step, s.config.retryBackoffMs, s.call.signal, (err) => s.warn(err, "dialogue failed; retrying")));
        if (reply) await this.say(reply.segments, reply.hasMore === true, false, reply);
      }
    }
  }

  /** Silence: a short reminder that # repeats the choices (the silence clock runs on to "are you still there?"). */
  async nudge(): Promise<void> {
    this.s.toState("RESPONDING", "silence: keypad nudge");
    await this.s.voice.sayPrompt("keypadNudge", { interruptible: true });
  }

  /** Says `before` (an answer, a notice) then the current menu; `asIs` says `before` alone (a repeat). */
  private async say(before: Segment[], more: boolean, asIs = false, reply?: Reply): Promise<void> {
    const s = this.s;
    const segments = asIs && before.length ? before : [...before, { text: this.keypad().menu(more), lang: s.lang }];
    this.last = { segments, more, reply };
    await s.speakReply({ segments, lang: s.lang, action: reply?.action ?? "menu", schemeIds: reply?.schemeIds ?? [] }, { readyAt: s.now() });
  }
}
