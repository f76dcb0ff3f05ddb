// The model store: <modelsDir>/manifest.json lists every installed model (kind, engine, languages,
// files, sha256) and which one serves each language. `sahayak models import` installs a bundle (folder or
// tarball) after checking its checksums and each engine's required files; a broken bundle is refused and
// the installed one stays. The store lives in the data directory, so it outlives upgrades of the program.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { z } from "zod";

export const MODEL_KINDS = ["asr", "tts", "llm", "embedding", "vad"] as const;

/** Engine types and the files (roles) each needs. */
export const ENGINE_FILES = {
  "online-transducer": ["encoder", "decoder", "joiner", "tokens"],
  "online-ctc": ["model", "tokens"],
  "offline-whisper": ["encoder", "decoder", "tokens"],
  "offline-nemo-ctc": ["model", "tokens"],
  "vits": ["model", "tokens"],
  "gguf": ["model"],
  "onnx-embedding": ["model", "tokenizer"],
  "silero": ["model"],
} as const;
export type EngineType = keyof typeof ENGINE_FILES;

const modelEntry = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,80}$/, "model id: lowercase letters, digits, . _ -"),
  kind: z.enum(MODEL_KINDS),
  engine: z.enum(Object.keys(ENGINE_FILES) as [EngineType, ...EngineType[]]),
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).min(1),
  /** role → path relative to the model's folder */
  files: z.record(z.string(), z.string()),
  sha256: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)).default({}),
  license: z.string().optional(),
  source: z.string().optional(),
  /** Extra engine settings (e.g. a VITS voice's espeak-ng data folder, a speaker id). */
  options: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
});
export type ModelEntry = z.infer<typeof modelEntry>;

export const manifestSchema = z.object({
  format: z.literal(1),
  models: z.array(modelEntry),
  /** kind → language → model id, set by `sahayak models use`; without a choice the newest import serves. */
  chosen: z.record(z.string(), z.record(z.string(), z.string())).default({}),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** A bundle's own description (bundle.json): the same entries, paths relative to the bundle. */
const bundleSchema = z.object({ models: z.array(modelEntry.extend({ dir: z.string().default(".") })) });

export class ModelBundleError extends Error {}
export class ModelNotFoundError extends ModelBundleError {}

/** A model as `import` left it: newly installed, or already there with the same files. */
export type ImportedModel = ModelEntry & { alreadyInstalled?: boolean };

const sameFiles = (a: ModelEntry, b: ModelEntry): boolean =>
  a.kind === b.kind && a.engine === b.engine && Object.keys(a.sha256).length > 0 && JSON.stringify(Object.entries(a.sha256).sort()) === JSON.stringify(Object.entries(b.sha256).sort());

export function sha256File(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

export class ModelStore {
  constructor(readonly dir: string) {}

  get manifestPath(): string {
    return join(this.dir, "manifest.json");
  }

  manifest(): Manifest {
    if (!existsSync(this.manifestPath)) return { format: 1, models: [], chosen: {} };
    const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(this.manifestPath, "utf8")));
    if (!parsed.success) throw new ModelBundleError(`${this.manifestPath} is damaged: ${parsed.error.issues[0]?.message}; re-import the model bundle`);
    return parsed.data;
  }

  /** Absolute path of a model's file. */
  path(entry: ModelEntry, role: string): string {
    const file = entry.files[role];
    if (!file) throw new ModelBundleError(`model ${entry.id} has no "${role}" file`);
    return join(this.dir, entry.kind, entry.id, file);
  }

  /** The model serving `kind` in `lang`: the one chosen with `models use`, else the one imported last. */
  find(kind: ModelEntry["kind"], lang?: string): ModelEntry | undefined {
    const manifest = this.manifest();
    const candidates = manifest.models.filter((m) => m.kind === kind && (!lang || m.languages.includes(lang)));
    const chosen = lang ? manifest.chosen[kind]?.[lang] : undefined;
    return candidates.find((m) => m.id === chosen) ?? candidates.at(-1);
  }

  /** Every language served by a kind of model, with the model that serves it. */
  byLanguage(kind: ModelEntry["kind"]): Map<string, ModelEntry> {
    const out = new Map<string, ModelEntry>();
    for (const lang of new Set(this.manifest().models.filter((m) => m.kind === kind).flatMap((m) => m.languages))) out.set(lang, this.find(kind, lang)!);
    return out;
  }

  /** Languages where more than one model of a kind could serve, and which one does. */
  alternatives(): { kind: string; lang: string; serving: string; others: string[] }[] {
    const out: { kind: string; lang: string; serving: string; others: string[] }[] = [];
    for (const kind of MODEL_KINDS) {
      for (const [lang, serving] of this.byLanguage(kind)) {
        const others = this.manifest().models.filter((m) => m.kind === kind && m.languages.includes(lang) && m.id !== serving.id).map((m) => m.id);
        if (others.length) out.push({ kind, lang, serving: serving.id, others });
      }
    }
    return out;
  }

  /** Makes model `id` the one serving its languages (or only `lang`); returns the languages it now serves. */
  use(id: string, lang?: string): string[] {
    const manifest = this.manifest();
    const entry = manifest.models.find((m) => m.id === id);
    if (!entry) throw new ModelNotFoundError(`no model "${id}" is installed; see \`sahayak models list\``);
    if (lang && !entry.languages.includes(lang)) throw new ModelBundleError(`model ${id} does not serve "${lang}" (it serves ${entry.languages.join(", ")})`);
    const langs = lang ? [lang] : entry.languages;
    manifest.chosen[entry.kind] = { ...manifest.chosen[entry.kind], ...Object.fromEntries(langs.map((l) => [l, id])) };
    this.writeManifest(manifest);
    return langs;
  }

  /** Removes an installed model (its files and its entry); returns it and the languages it leaves without a model of its kind. */
  remove(id: string): { removed: ModelEntry; uncovered: string[] } {
    const manifest = this.manifest();
    const removed = manifest.models.find((m) => m.id === id);
    if (!removed) throw new ModelNotFoundError(`no model "${id}" is installed; see \`sahayak models list\``);
    manifest.models = manifest.models.filter((m) => m.id !== id);
    const choices = manifest.chosen[removed.kind] ?? {};
    for (const [lang, chosen] of Object.entries(choices)) if (chosen === id) delete choices[lang];
    // the manifest first: a crash in between leaves unused files, never an entry without its files
    this.writeManifest(manifest);
    rmSync(join(this.dir, removed.kind, removed.id), { recursive: true, force: true });
    const uncovered = removed.languages.filter((l) => !manifest.models.some((m) => m.kind === removed.kind && m.languages.includes(l)));
    return { removed, uncovered };
  }

  private writeManifest(manifest: Manifest): void {
    mkdirSync(this.dir, { recursive: true });
    const tmp = `${this.manifestPath}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify(manifest, null, 2));
    renameSync(tmp, this.manifestPath);
  }

  /** Checks every installed file against its checksum; returns the problems. */
  verify(): string[] {
    const problems: string[] = [];
    for (const m of this.manifest().models) {
      const root = join(this.dir, m.kind, m.id);
      for (const role of ENGINE_FILES[m.engine]) if (!m.files[role]) problems.push(`${m.id}: no ${role} file listed`);
      for (const [role, file] of Object.entries(m.files)) {
        const p = join(root, file);
        if (!existsSync(p)) problems.push(`${m.id}: ${role} file ${file} is missing`);
        else if (m.sha256[file] && sha256File(p) !== m.sha256[file]) problems.push(`${m.id}: ${file} does not match its checksum`);
      }
    }
    return problems;
  }

  /** Installs the models of a bundle folder or tarball. Nothing changes unless all of it is sound. */
  import(source: string, hints: { lang?: string; id?: string } = {}): ImportedModel[] {
    if (!existsSync(source)) throw new ModelBundleError(`${source} does not exist`);
    const work = mkdtempSync(join(tmpdir(), "sahayak-bundle-"));
    try {
      let folder = source;
      if (statSync(source).isFile()) {
        const r = spawnSync("tar", ["-xf", source, "-C", work], { encoding: "utf8" });
        if (r.status !== 0) throw new ModelBundleError(`cannot unpack ${source}: ${r.stderr.trim() || "not a tar archive"}`);
        const entries = readdirSync(work);
        folder = entries.length === 1 && statSync(join(work, entries[0]!)).isDirectory() ? join(work, entries[0]!) : work;
      }
      const entries = describeBundle(folder, hints);
      checkSums(folder);
      const staged: { entry: ModelEntry; from: string }[] = [];
      for (const { entry, dir } of entries) {
        const from = join(folder, dir);
        for (const role of ENGINE_FILES[entry.engine]) {
          const file = entry.files[role];
          if (!file || !existsSync(join(from, file))) throw new ModelBundleError(`${entry.id}: the ${entry.engine} engine needs a "${role}" file, and ${file ?? "none"} is missing from the bundle`);
        }
        const sha256: Record<string, string> = {};
        for (const file of Object.values(entry.files)) {
          const actual = sha256File(join(from, file));
          if (entry.sha256[file] && entry.sha256[file] !== actual) throw new ModelBundleError(`${entry.id}: ${file} does not match the checksum in the bundle`);
          sha256[file] = actual;
        }
        staged.push({ entry: { ...entry, sha256 }, from });
      }
      // copy each model next to its final place, then swap it in and write the manifest last
      mkdirSync(this.dir, { recursive: true });
      const manifest = this.manifest();
      const result: ImportedModel[] = [];
      for (const { entry, from } of staged) {
        // the same files under another name (a second import of one bundle) are not installed twice
        const twin = manifest.models.find((m) => m.id !== entry.id && sameFiles(m, entry));
        if (twin) {
          result.push({ ...twin, alreadyInstalled: true });
          continue;
        }
        const installed = manifest.models.find((m) => m.id === entry.id);
        result.push(installed && sameFiles(installed, entry) ? { ...entry, alreadyInstalled: true } : entry);
        const target = join(this.dir, entry.kind, entry.id);
        const temp = `${target}.incoming-${process.pid}`;
        rmSync(temp, { recursive: true, force: true });
        mkdirSync(temp, { recursive: true });
        for (const file of new Set([...Object.values(entry.files), ...extraFiles(from)])) {
          mkdirSync(join(temp, file, ".."), { recursive: true });
          cpSync(join(from, file), join(temp, file), { recursive: true });
        }
        const old = `${target}.old-${process.pid}`;
        if (existsSync(target)) renameSync(target, old);
        renameSync(temp, target);
        rmSync(old, { recursive: true, force: true });
        manifest.models = [...manifest.models.filter((m) => m.id !== entry.id), entry];
      }
      this.writeManifest(manifest);
      return result;
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
}

/** Notices and readme files travel with the model. */
function extraFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => /^(README|NOTICE|LICENSE|SHA256SUMS)/i.test(f));
}

/** Checks a SHA256SUMS file in the bundle, when there is one. */
function checkSums(folder: string): void {
  const sums = join(folder, "SHA256SUMS");
  if (!existsSync(sums)) return;
  for (const line of readFileSync(sums, "utf8").split("\n")) {
    const m = /^([0-9a-f]{64})\s+\*?(.+)$/.exec(line.trim());
    if (!m) continue;
    const file = join(folder, m[2]!);
    if (!existsSync(file)) throw new ModelBundleError(`SHA256SUMS lists ${m[2]}, which is missing from the bundle`);
    if (sha256File(file) !== m[1]) throw new ModelBundleError(`${m[2]} does not match SHA256SUMS: the bundle is damaged; get a fresh copy`);
  }
}

/** What a bundle holds: its bundle.json, or a sherpa-onnx model folder recognised by its files. */
function describeBundle(folder: string, hints: { lang?: string; id?: string }): { entry: ModelEntry; dir: string }[] {
  const described = join(folder, "bundle.json");
  if (existsSync(described)) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(described, "utf8"));
    } catch (err) {
      throw new ModelBundleError(`bundle.json is not valid JSON: ${(err as Error).message}`);
    }
    const parsed = bundleSchema.safeParse(raw);
    if (!parsed.success) throw new ModelBundleError(`bundle.json is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    return parsed.data.models.map(({ dir, ...entry }) => ({ entry, dir }));
  }
  const files = readdirSync(folder);
  const pick = (re: RegExp) => files.filter((f) => re.test(f)).sort((a, b) => Number(/int8/.test(b)) - Number(/int8/.test(a)))[0];
  const name = hints.id ?? basename(folder).toLowerCase().replace(/[^a-z0-9._-]/g, "-");
  const lang = hints.lang ?? /^([a-z]{2,3})-/.exec(name)?.[1];
  const encoder = pick(/^encoder.*\.onnx$/);
  const decoder = pick(/^decoder.*\.onnx$/);
  const joiner = pick(/^joiner.*\.onnx$/);
  const tokens = files.includes("tokens.txt") ? "tokens.txt" : undefined;
  const withLang = (): string => {
    if (!lang) throw new ModelBundleError(`cannot tell the language of ${folder}: name it like en-... or pass --lang`);
    return lang;
  };
  if (encoder && decoder && joiner && tokens) {
    const filesMap: Record<string, string> = { encoder, decoder, joiner, tokens };
    if (files.includes("bpe.model")) filesMap.bpeModel = "bpe.model";
    return [{ entry: { id: name, kind: "asr", engine: "online-transducer", languages: [withLang()], files: filesMap, sha256: {}, options: {} }, dir: "." }];
  }
  if (encoder && decoder && tokens) {
    return [{ entry: { id: name, kind: "asr", engine: "offline-whisper", languages: [withLang()], files: { encoder, decoder, tokens }, sha256: {}, options: {} }, dir: "." }];
  }
  const model = pick(/\.onnx$/);
  if (model && tokens && files.includes("espeak-ng-data")) {
    return [{ entry: { id: name, kind: "tts", engine: "vits", languages: [withLang()], files: { model, tokens, dataDir: "espeak-ng-data" }, sha256: {}, options: {} }, dir: "." }];
  }
  if (model && tokens) {
    return [{ entry: { id: name, kind: "asr", engine: /nemo/i.test(name) ? "offline-nemo-ctc" : "online-ctc", languages: [withLang()], files: { model, tokens }, sha256: {}, options: {} }, dir: "." }];
  }
  const gguf = pick(/\.gguf$/);
  if (gguf) return [{ entry: { id: name, kind: "llm", engine: "gguf", languages: [withLang()], files: { model: gguf }, sha256: {}, options: {} }, dir: "." }];
  throw new ModelBundleError(`${folder} is not a model bundle: no bundle.json, and no sherpa-onnx model files (encoder/decoder/joiner/tokens.txt, model.onnx + tokens.txt) or GGUF file`);
}

/** Relative path helper for listing. */
export function shortPath(root: string, p: string): string {
  return relative(root, p) || ".";
}
