// The call: greeting to hangup, joining telephony, speech and dialogue.
export { CallStateMachine, IllegalTransition, type CallState, type StateChange } from "./states.js";
export { CallTimers, type CallTimerEvents, type SilenceStep } from "./timers.js";
export { Speaker, heardPart, type AudioOut, type SpokenResult } from "./speaker.js";
export { CallFlow, type CallFlowOptions } from "./flow.js";
export { CallFlowHandler, type LiveCall } from "./handler.js";
export { openCallServices, type CallServices, type CallDialogue, type Hearing } from "./services.js";
export { KeypadCatalogue, KeypadMenu, type KeypadAction, type KeypadMenuOptions } from "./keypad.js";
export { FIXED_PROMPTS, allFixedPrompts, openingLine, keypadPrompts, spokenMs, type FixedPromptKey } from "./prompts.js";
export { CallSessions, CallSession, continueChoice, type Continuation } from "./session.js";
export { OUTCOMES, type CallRecord, type TurnRecord, type TurnTimings, type CallOutcome } from "./records.js";
export { FALLBACK_PROMPTS } from "./observe.js";
