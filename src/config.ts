// The one configuration schema of Sahayak, with every default. Other modules read numbers from here
// instead of repeating literals.
// Each part's schema lives in src/config/<part>.ts; this file composes them and loads the file.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { closest } from "fastest-levenshtein";
import { z } from "zod";
import { knowledgeSchema } from "./config/knowledge.js";
import { dialogueSchema } from "./config/dialogue.js";
import { speechSchema } from "./config/speech.js";
import { telephonySchema } from "./config/telephony.js";
import { callSchema } from "./config/call.js";
import { storeSchema } from "./config/store.js";
import { LOG_LEVELS, opsSchema } from "./config/ops.js";
import { consoleSchema } from "./config/console.js";
import { applianceSchema } from "./config/appliance.js";
import { defaultDataDir, projectRoot } from "./config/paths.js";

export { defaultDataDir, projectRoot, releaseIndependent } from "./config/paths.js";
export { DEFAULT_LOG_LEVEL, LOG_LEVELS, type LogLevel } from "./config/ops.js";

export const configSchema = z.strictObject({
  dataDir: z.string().default(() => defaultDataDir()),
  /** The model store; default <dataDir>/models, so imported models outlive upgrades of the application. */
  modelsDir: z.string().optional(),
  log: z
    .strictObject({
      /** Unset: DEFAULT_LOG_LEVEL. --log-level and SAHAYAK_LOG_LEVEL take precedence. */
      level: z.enum(LOG_LEVELS).optional(),
    })
    .prefault({}),
  ops: opsSchema.prefault({}),
  knowledge: knowledgeSchema.prefault({}),
  dialogue: dialogueSchema.prefault({}),
  speech: speechSchema.prefault({}),
  telephony: telephonySchema.prefault({}),
  call: callSchema.prefault({}),
  store: storeSchema.prefault({}),
  console: consoleSchema.prefault({}),
  appliance: applianceSchema.prefault({}),
});

export type Config = Omit<z.infer<typeof configSchema>, "modelsDir"> & { modelsDir: string };
export type KnowledgeConfig = Config["knowledge"];
export type DialogueConfig = Config["dialogue"];
export type SpeechConfig = Config["speech"];
export type TelephonyConfig = Config["telephony"];
export type CallConfig = Config["call"];
export type StoreConfig = Config["store"];
export type OpsConfig = Config["ops"];
export type ConsoleConfig = Config["console"];
export type ApplianceConfig = Config["appliance"];

export class ConfigError extends Error {}

/** Where the config file is looked for when none is named. */
function defaultConfigPath(): string | undefined {
  for (const candidate of [join(projectRoot, "sahayak.config.json"), "/etc/sahayak/config.json"]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Loads the config: defaults, then the JSON file (--config, SAHAYAK_CONFIG, ./sahayak.config.json or
 * /etc/sahayak/config.json), then SAHAYAK_DATA_DIR / SAHAYAK_MODELS_DIR / SAHAYAK_LOG_LEVEL from the environment.
 */
/** The config file loadConfig reads for these options (--config, SAHAYAK_CONFIG, the default places), if any. */
export function configPathFor(options: { path?: string; env?: NodeJS.ProcessEnv } = {}): string | undefined {
  return (options.path ?? (options.env ?? process.env).SAHAYAK_CONFIG ?? defaultConfigPath()) || undefined;
}

export function loadConfig(options: { path?: string; env?: NodeJS.ProcessEnv; overrides?: unknown } = {}): Config {
  const env = options.env ?? process.env;
  const path = configPathFor(options);
  let fromFile: Record<string, unknown> = {};
  if (path) {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (err) {
      throw new ConfigError(`cannot read config file ${path}: ${(err as Error).message}. Check the path given with --config or SAHAYAK_CONFIG.`);
    }
    try {
      fromFile = JSON.parse(text) as Record<string, unknown>;
    } catch (err) {
      throw new ConfigError(`config file ${path} is not valid JSON: ${(err as Error).message}`);
    }
  }
  const merged: Record<string, unknown> = { ...fromFile, ...((options.overrides as object) ?? {}) };
  if (env.SAHAYAK_DATA_DIR) merged.dataDir = env.SAHAYAK_DATA_DIR;
  if (env.SAHAYAK_MODELS_DIR) merged.modelsDir = env.SAHAYAK_MODELS_DIR;
  if (env.SAHAYAK_LOG_LEVEL) merged.log = { ...(merged.log as object), level: env.SAHAYAK_LOG_LEVEL };
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap(describeIssue).map((p) => `  ${p}`).join("\n");
    throw new ConfigError(`invalid configuration${path ? ` in ${path}` : ""}:\n${problems}`);
  }
  const dataDir = resolve(parsed.data.dataDir);
  return { ...parsed.data, dataDir, modelsDir: resolve(parsed.data.modelsDir ?? join(dataDir, "models")) };
}

/** One line per problem; an unknown key is named with the valid key nearest to it. */
function describeIssue(issue: z.core.$ZodIssue): string[] {
  const where = issue.path.join(".") || "(root)";
  if (issue.code !== "unrecognized_keys") return [`${where}: ${issue.message}`];
  const valid = keysAt(configSchema, issue.path);
  return issue.keys.map((key) => {
    const near = valid.length ? closest(key, valid) : undefined;
    return `${where}: unknown key "${key}"${near ? ` (did you mean "${near}"?)` : ""}; valid keys here: ${valid.join(", ")}`;
  });
}

/** The keys an object of the schema accepts at a path (through defaults, prefaults and refinements). */
function keysAt(schema: z.core.$ZodType, path: PropertyKey[]): string[] {
  let node: z.core.$ZodType | undefined = schema;
  for (const step of [...path, undefined]) {
    // unwrap default/prefault/optional/pipe wrappers down to the object
    for (let def = node?._zod.def as { innerType?: z.core.$ZodType; in?: z.core.$ZodType; type?: string } | undefined; node && def && def.type !== "object"; def = node?._zod.def as typeof def) {
      node = def.innerType ?? def.in;
    }
    const shape: Record<string, z.core.$ZodType> | undefined = (node?._zod.def as { shape?: Record<string, z.core.$ZodType> } | undefined)?.shape;
    if (!shape) return [];
    if (step === undefined) return Object.keys(shape);
    node = shape[String(step)];
  }
  return [];
}
