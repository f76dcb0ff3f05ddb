// The caller's call over RTP (test/call/caller-experience.ts).
import { callerExperience } from "./caller-experience.js";

callerExperience("rtp");
