// Where the caller's sound began and stopped, to the sample. The VAD confirms speech at the end of one of
// its 32 ms windows, and audio arrives in 20 ms packets, so the audio handed to the recogniser began (and,
// at a pause, ended) anywhere within some 50 ms of the same place in the caller's voice; the streaming
// recogniser's frames (10 ms hop) and chunks then fell differently on the words, and the same question
// read 2-8 ways by where it started (bench/onset-stability.ts). Read here from the signal itself (its
// short-term level against a line `marginDb` above the quietest 10 ms of the audio looked at: the floor
// learnt by the VAD's stream depends on what the VAD thought meanwhile, and a decaying last word ends
// 50 ms later on a line 1.5 dB lower), the recogniser is given the same samples however the speech fell
// on the packets.

/** Samples the short-term level is measured over (ms): short enough to place the edge, long enough to ignore a lone sample. */
const LEVEL_MS = 5;
/** Sound must stay above the line this long (ms) to count: a click or a burst of line noise does not. */
const SOUND_MS = 20;
/** Frames (ms) the floor is the quietest of. */
const FLOOR_FRAME_MS = 10;
/** Digital silence has no level: the floor is at least this (dBFS). */
const FLOOR_MIN_DB = -70;

/** The line (dBFS): `marginDb` above the quietest whole FLOOR_FRAME_MS frame of audio[from, to). */
export function lineAbove(audio: Int16Array, sampleRate: number, marginDb: number, from = 0, to = audio.length): number {
  const n = Math.round((sampleRate * FLOOR_FRAME_MS) / 1000);
  let floor = Infinity;
  for (let i = from; i + n <= to; i += n) {
    let e = 0;
    for (let k = i; k < i + n; k++) e += (audio[k]! / 32768) ** 2;
    floor = Math.min(floor, 10 * Math.log10(e / n + 1e-12));
  }
  return Math.max(FLOOR_MIN_DB, floor === Infinity ? FLOOR_MIN_DB : floor) + marginDb;
}

/** The stretches [from, to) of `audio` whose level stays at or above `lineDb` (dBFS) for SOUND_MS or more. */
function soundRuns(audio: Int16Array, sampleRate: number, lineDb: number, end: number): [number, number][] {
  const w = Math.max(1, Math.round((sampleRate * LEVEL_MS) / 1000));
  const minRun = Math.round((sampleRate * SOUND_MS) / 1000);
  // mean square (of samples as fractions of full scale) a window must reach
  const line = 10 ** (lineDb / 10) * w * 32768 * 32768;
  const runs: [number, number][] = [];
  let sum = 0;
  let from = -1;
  for (let i = 0; i <= end; i++) {
    // the window ending at sample i (inclusive) reaches the line: a running sum, one sample at a time
    let loud = false;
    if (i < end) {
      const v = audio[i]!;
      sum += v * v;
      if (i >= w) sum -= audio[i - w]! * audio[i - w]!;
      loud = i >= w - 1 && sum >= line;
    }
    if (loud && from < 0) from = i;
    else if (!loud && from >= 0) {
      if (i - from >= minRun) runs.push([from, i]);
      from = -1;
    }
  }
  return runs;
}

/**
 * The index in `audio` where the sound began: the start of the last stretch of sound (sound-runs) that
 * follows at least `quietMs` without one, at or before `before`. A shorter quiet (a stop consonant's
 * closure, a breath) is inside the words. undefined when no such quiet precedes sound in the audio.
 * `lineDb`: by default marginDb (10) above the audio's quietest frame.
 */
export function soundStart(audio: Int16Array, sampleRate: number, quietMs: number, lineDb = lineAbove(audio, sampleRate, 10), before = audio.length): number | undefined {
  const quiet = Math.round((sampleRate * quietMs) / 1000);
  let start: number | undefined;
  let lastEnd = 0;
  for (const [from, to] of soundRuns(audio, sampleRate, lineDb, Math.min(before, audio.length))) {
    if (from - lastEnd >= quiet) start = from;
    lastEnd = to;
  }
  return start;
}

/** The index in `audio` just after the sound stopped: the end of its last stretch of sound; undefined when there is none. */
export function soundStop(audio: Int16Array, sampleRate: number, lineDb: number): number | undefined {
  return soundRuns(audio, sampleRate, lineDb, audio.length).at(-1)?.[1];
}
