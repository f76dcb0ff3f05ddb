// Try a question over the console's API, with the real dialogue and espeak-ng: the answer names its scheme,
// and its audio is already being made when the answer is shown (the page asks for it at once), made once.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { readWav } from "../../src/audio/index.js";
import type { TtsEngine } from "../../src/speech/tts/index.js";
import { apiLogin, startConsoleFixture, type ConsoleFixture } from "./fixture.js";

describe("try a question (API)", () => {
  let f: ConsoleFixture;
  let session: { cookie: string; csrf: string };
  let syntheses = 0;
  /** The console's synthesiser, counting what it is asked to say (a proxy, so it stays the engine it wraps). */
  const counting = (engine: TtsEngine): TtsEngine =>
    new Proxy(engine, {
      get(target, property) {
        if (property === "synthesize")
          return (...args: Parameters<TtsEngine["synthesize"]>) => {
            syntheses++;
            return target.synthesize(...args);
          };
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === "function" ? value.bind(target) : value;
      },
    });

  before(async () => {
    f = await startConsoleFixture({ watchTts: counting });
    session = await apiLogin(f.url, "viewer");
  });
  after(() => f?.cleanup());

  it("the answer's audio is begun as the answer is given; fetching it plays that synthesis, not a second one", async () => {
    const response = await fetch(`${f.url}/api/v1/try`, {
      method: "POST",
      headers: { cookie: session.cookie, "x-csrf-token": session.csrf, "content-type": "application/json" },
      body: JSON.stringify({ question: "what is pm kisan", lang: "en" }),
    });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { reply: { schemeIds: string[] }; audio: string };
    assert.ok(body.reply.schemeIds.includes("pm-kisan"), JSON.stringify(body.reply));
    assert.equal(syntheses, 1, "the synthesis started with the answer");
    const audio = await fetch(`${f.url}${body.audio}`, { headers: { cookie: session.cookie } });
    assert.equal(audio.status, 200);
    assert.equal(audio.headers.get("content-type"), "audio/wav");
    const wav = readWav(new Uint8Array(await audio.arrayBuffer()));
    assert.ok(wav.samples.length > wav.sampleRate, "at least a second of speech");
    assert.equal(syntheses, 1);
  });
});
