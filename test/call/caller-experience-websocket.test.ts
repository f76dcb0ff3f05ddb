// The caller's call over chan_websocket (test/call/caller-experience.ts).
import { callerExperience } from "./caller-experience.js";

callerExperience("websocket");
