// The call: state machine and clocks (the flow, listener and speaker join them to telephony, speech and dialogue).
export { CallStateMachine, IllegalTransition, type CallState, type StateChange } from "./states.js";
export { CallTimers, type CallTimerEvents, type SilenceStep } from "./timers.js";
export { Speaker, heardPart, type AudioOut, type SpokenResult } from "./speaker.js";
