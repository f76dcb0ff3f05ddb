// Where the caller's sound stopped, from the signal's level against a learnt noise floor (src/speech/vad/sound-end.ts).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SoundEnd } from "../../src/speech/vad/sound-end.js";

const RATE = 8000;
const ms = (n: number) => Math.round((n * RATE) / 1000);

/** Seeded white noise at `db` dBFS RMS (none when db is null). */
function noise(length: number, db: number | null, seed = 11): Float64Array {
  const out = new Float64Array(length);
  if (db === null) return out;
  const amp = 32768 * 10 ** (db / 20) * Math.sqrt(3);
  for (let i = 0; i < length; i++) out[i] = ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 2 * amp;
  return out;
}

/** A voice-like sound: 150 Hz with harmonics at `db` dBFS, its last 60 ms fading out. */
function voice(length: number, db: number): Float64Array {
  const out = new Float64Array(length);
  const amp = 32768 * 10 ** (db / 20);
  const fade = ms(60);
  for (let i = 0; i < length; i++) {
    const t = i / RATE;
    const gain = i > length - fade ? (length - i) / fade : 1;
    out[i] = amp * gain * (0.6 * Math.sin(2 * Math.PI * 150 * t) + 0.3 * Math.sin(2 * Math.PI * 450 * t) + 0.2 * Math.sin(2 * Math.PI * 1050 * t));
  }
  return out;
}

/** Silence (or noise), the voice from `startMs` for `lengthMs`, then the same line to `totalMs`. */
function line(totalMs: number, startMs: number, lengthMs: number, voiceDb: number, noiseDb: number | null): Int16Array {
  const all = noise(ms(totalMs), noiseDb);
  const v = voice(ms(lengthMs), voiceDb);
  for (let i = 0; i < v.length; i++) all[ms(startMs) + i]! += v[i]!;
  return Int16Array.from(all, (x) => Math.max(-32768, Math.min(32767, Math.round(x))));
}

/** Feeds `pcm` in 20 ms packets; the floor is learnt outside [quietFrom, quietTo) (where the VAD hears speech). */
function feed(sound: SoundEnd, pcm: Int16Array, speechFromMs: number, speechToMs: number): void {
  for (let i = 0; i < pcm.length; i += ms(20)) {
    const atMs = (i * 1000) / RATE;
    sound.accept(pcm.subarray(i, i + ms(20)), atMs < speechFromMs || atMs >= speechToMs);
  }
}

describe("the end of the caller's sound, read from the signal", () => {
  for (const noiseDb of [null, -55, -45]) {
    it(`is placed where the voice stopped, not where the VAD's probability decayed (${noiseDb === null ? "silent line" : `line noise at ${noiseDb} dBFS`})`, () => {
      const sound = new SoundEnd({ marginDb: 10, lookbackMs: 300 }, RATE);
      // the voice stops at 2000 ms; the VAD's probability says so some 150 ms later
      const pcm = line(2400, 1000, 1000, -22, noiseDb);
      feed(sound, pcm, 1000, 2250);
      const end = sound.endBefore(2150);
      // its fading last 60 ms sink into the noise: the louder the line, the earlier the sound is lost in it
      assert.ok(end >= 1940 && end <= 2010, `end of sound at ${end} ms (the voice stopped at 2000)`);
    });
  }

  it("a short burst while nobody speaks does not lift the floor, and the end is still found", () => {
    const sound = new SoundEnd({ marginDb: 10, lookbackMs: 300 }, RATE);
    const pcm = line(3000, 1500, 800, -22, -55);
    // a click at 600 ms, as loud as the voice
    const click = line(100, 0, 100, -22, null);
    for (let i = 0; i < click.length; i++) pcm[ms(600) + i] = Math.max(-32768, Math.min(32767, pcm[ms(600) + i]! + click[i]!));
    feed(sound, pcm.subarray(0, ms(1400)), Infinity, Infinity);
    assert.ok(sound.lineDb < -55 + 10 + 2, `the line stays near the noise (${sound.lineDb.toFixed(1)} dBFS)`);
    feed(sound, pcm.subarray(ms(1400)), 100, 2500);
    const end = sound.endBefore(2450);
    assert.ok(end >= 2240 && end <= 2310, `end of sound at ${end} ms (the voice stopped at 2300)`);
  });

  it("a line that grows louder is learnt, so its noise is not taken for the voice going on", () => {
    const sound = new SoundEnd({ marginDb: 10, lookbackMs: 300 }, RATE);
    feed(sound, line(2000, 0, 1, -60, -60), Infinity, Infinity);
    const louder = line(6000, 4000, 1000, -20, -45);
    feed(sound, louder, 4000, 5200);
    assert.ok(sound.lineDb > -45 + 5, `the floor rose with the line (${sound.lineDb.toFixed(1)} dBFS line)`);
    const end = sound.endBefore(2000 + 5150);
    assert.ok(end <= 2000 + 5010 && end >= 2000 + 4940, `end of sound at ${end - 2000} ms into the louder line (the voice stopped at 5000)`);
  });

  it("never later than the VAD's end, nor further back than the lookback; no lookback keeps the VAD's end", () => {
    const pcm = line(3000, 500, 2400, -22, -55);
    const going = new SoundEnd({ marginDb: 10, lookbackMs: 300 }, RATE);
    feed(going, pcm, 500, 3000);
    assert.equal(going.endBefore(2500), 2500, "sound still going on at the VAD's end");
    const early = new SoundEnd({ marginDb: 10, lookbackMs: 100 }, RATE);
    const short = line(3000, 500, 500, -22, -55);
    feed(early, short, 500, 3000);
    assert.equal(early.endBefore(2000), 1900, "quiet all through the lookback: its start");
    const none = new SoundEnd({ marginDb: 10, lookbackMs: 0 }, RATE);
    feed(none, short, 500, 3000);
    assert.equal(none.endBefore(1150), 1150);
  });
});
