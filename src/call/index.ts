// The call: greeting to hangup, joining telephony, speech and dialogue.
export { CallStateMachine, IllegalTransition, type CallState, type StateChange } from "./states.js";
export { CallTimers, type CallTimerEvents, type SilenceStep } from "./timers.js";
export { Speaker, heardPart, type AudioOut, type SpokenResult } from "./speaker.js";
export { CallFlow } from "./flow.js";
export { CallFlowHandler } from "./handler.js";
export { openCallServices, type CallServices, type CallDialogue, type Hearing } from "./services.js";
export { KeypadCatalogue, KeypadMenu, type KeypadAction } from "./keypad.js";
export { FIXED_PROMPTS, allFixedPrompts, languageMenu, keypadPrompts, type FixedPromptKey } from "./prompts.js";
export { CallSessions, CallSession, continueChoice, type Continuation } from "./session.js";
export { OUTCOMES, type CallRecord, type TurnRecord, type TurnTimings, type CallOutcome } from "./records.js";
