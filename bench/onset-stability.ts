// Whether the call's hearing reads the same audio the same way wherever the speech starts against the
// stream (issue 16): each call-bench candidate question (flite's voice, 8 kHz μ-law, as the simulator makes
// it) is fed through the call's own ears (services.hear: VAD, streaming recogniser, endpointing) after a
// silence lengthened by k onset shifts, and the final readings counted: how many distinct readings a
// question has, and how many shifts the dialogue answers about the question's scheme (the call's steps:
// confidence or heard names, then respond; names scored with no deadline, so load plays no part).
//
//   SAHAYAK_SHARED=/work/shared node --import tsx bench/onset-stability.ts [--verbose] [--limit=n (18)]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeUlaw, encodeUlaw } from "../src/audio/index.js";
import { openCallServices } from "../src/call/index.js";
import { understoodEnough } from "../src/call/conversation.js";
import { dialogueUtterance } from "../src/call/preemptive.js";
import type { Utterance } from "../src/speech/listener.js";
import { callerSpeechFromFlite } from "../src/telephony/sim/voice.js";
import { candidateQuestions } from "./call-answers.js";
import { pipelineBenchConfig } from "./questions.js";

const RATE = 8000;
const FRAME = 160;
/** Onset shifts in samples: 0..7 × 2.5 ms (under one frame) and 1..7 × 20 ms (whole frames, across the VAD's 32 ms windows). */
export const ONSET_SHIFTS = [...Array.from({ length: 8 }, (_, k) => k * 20), ...Array.from({ length: 7 }, (_, k) => (k + 1) * FRAME)];
const LEAD_SILENCE_MS = 600;
const TRAIL_SILENCE_MS = 1500;
/** Audio fed per real 20 ms: fast, yet paced so the recogniser's answers come between frames as on a call. */
const PACE_MS = 2;

const verbose = process.argv.includes("--verbose");
/** The candidates the call-concurrent bench asks alone first (its CANDIDATES_ALONE), unless --limit says otherwise. */
const limit = Number(process.argv.find((a) => a.startsWith("--limit="))?.slice(8) ?? 18);
const work = mkdtempSync(join(tmpdir(), "sahayak-onset-"));
try {
  const { config } = pipelineBenchConfig(work);
  const services = await openCallServices(config);
  try {
    const limits = { minConfidence: config.call.minConfidence, heardNameConfirm: config.dialogue.heardNameConfirm };
    /** The final readings of `speech` heard after `shift` more samples of silence (every utterance, joined). */
    const hearAt = async (speech: Int16Array, shift: number): Promise<Utterance[]> => {
      const lead = Math.round((LEAD_SILENCE_MS * RATE) / 1000) + shift;
      const audio = new Int16Array(lead + speech.length + Math.round((TRAIL_SILENCE_MS * RATE) / 1000));
      audio.set(speech, lead);
      const line = decodeUlaw(encodeUlaw(audio));
      const heard: Utterance[] = [];
      let started = 0;
      const ears = services.hear("en", RATE, { speechStart: () => started++, utterance: (u) => heard.push(u) });
      for (let i = 0; i + FRAME <= line.length; i += FRAME) {
        ears.accept(line.slice(i, i + FRAME));
        await new Promise((r) => setTimeout(r, PACE_MS));
      }
      // the final results may still be decoding (the recogniser serves every shift's ears in turn)
      for (let i = 0; i < 6000 && (ears.speaking || heard.length < started); i++) await new Promise((r) => setTimeout(r, 20));
      ears.dispose();
      return heard;
    };
    const answered = async (u: Utterance, schemeId: string): Promise<boolean> => {
      const evidence = await services.spokenEvidence!(u, "en", RATE, undefined, 600_000);
      if (!understoodEnough(u.result.confidence, evidence.heardNames, limits)) return false;
      const reply = await services.dialogue.respond(dialogueUtterance(u.result, "en", evidence), services.newContext("onset", "en"));
      return ["answer", "clarify", "confirm"].includes(reply.action) && reply.schemeIds.includes(schemeId);
    };
    let questions = 0;
    let stable = 0;
    let readingsSum = 0;
    let shiftsAnswered = 0;
    let allAnswered = 0;
    let someAnswered = 0;
    for (const q of candidateQuestions().slice(0, limit)) {
      const speech = await callerSpeechFromFlite(q.question, RATE);
      // every shift at once: each its own call's ears, as calls share the recogniser
      const heard = await Promise.all(ONSET_SHIFTS.map((shift) => hearAt(speech, shift)));
      const texts = heard.map((us) => us.map((u) => u.result.text).join(" / "));
      let ok = 0;
      for (const us of heard) if (us.length === 1 && (await answered(us[0]!, q.schemeId))) ok++;
      const distinct = new Map<string, number>();
      for (const t of texts) distinct.set(t, (distinct.get(t) ?? 0) + 1);
      questions++;
      readingsSum += distinct.size;
      if (distinct.size === 1) stable++;
      shiftsAnswered += ok;
      if (ok === ONSET_SHIFTS.length) allAnswered++;
      if (ok > 0) someAnswered++;
      const line = `${q.id} ${distinct.size} reading(s), answered at ${ok}/${ONSET_SHIFTS.length} shifts`;
      console.log(verbose ? `${line}\n  ${[...distinct].map(([t, n]) => `${n}× ${t}`).join("\n  ")}` : line);
    }
    const figures = {
      questions,
      shifts: ONSET_SHIFTS.length,
      stableQuestions: stable,
      meanDistinctReadings: +(readingsSum / questions).toFixed(2),
      shiftsAnsweredRate: +(shiftsAnswered / (questions * ONSET_SHIFTS.length)).toFixed(3),
      answeredAtEveryShift: allAnswered,
      answeredAtSomeShiftOnly: someAnswered - allAnswered,
    };
    console.log(JSON.stringify(figures));
  } finally {
    await services.close();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
