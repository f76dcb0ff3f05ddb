// What Asterisk does with a call once the dialplan has it (Stasis failed, or the app sent the call on): the
// rendered extensions.conf run from a context, as Asterisk runs it, recording what the caller hears. Sounds are
// looked up on disk as Asterisk's file layer does (the absolute name plus each extension its format modules
// know); one that is missing in every format is "played" as Asterisk plays it, as silence with its warning
// ("File … does not exist in any format"), and the dialplan goes on. A queue plays its music-on-hold class
// (res_musiconhold: every file in the class's directory not starting with a dot) and its periodic
// announcements; with no agent available a caller does not join (joinempty) and the dialplan goes on.
import { existsSync, readdirSync } from "node:fs";
import { parseAsteriskFile, type ConfigFiles } from "../asterisk-config.js";
import { soundFileProblem, type SoundFormat } from "../sounds.js";

/** Extensions Asterisk's format modules read, by the format the caller's channel prefers first. */
const EXTENSIONS: Record<"ulaw" | "alaw", string[]> = {
  ulaw: ["ulaw", "pcm", "ul", "mu", "ulw", "alaw", "al", "alw", "sln", "slin", "raw", "wav", "gsm"],
  alaw: ["alaw", "al", "alw", "ulaw", "pcm", "ul", "mu", "ulw", "sln", "slin", "raw", "wav", "gsm"],
};
const CHECKED: Partial<Record<string, SoundFormat>> = { ulaw: "ulaw", alaw: "alaw", sln: "sln", wav: "wav" };
/** A dialplan that loops (a Goto to itself) is cut off here, as a runaway call would be. */
const MAX_STEPS = 100;

/** One thing the caller hears, in order. */
export type Heard =
  | { kind: "sound"; file: string; format: string }
  | { kind: "silence"; why: string }
  | { kind: "music"; moh: string; files: number }
  | { kind: "announcement"; file: string; format: string };

export interface DialplanRun {
  channelId: string;
  /** "context,exten,priority: App(data)" for each step taken. */
  steps: string[];
  heard: Heard[];
  /** What Asterisk would log as warnings. */
  warnings: string[];
  /** How the run ended: hung up by the dialplan, fell off its end, or in a queue with an agent available. */
  end: "hangup" | "end_of_dialplan" | "queued" | "loop";
}

interface Priority {
  app: string;
  data: string;
}

export class SimDialplan {
  private readonly contexts = new Map<string, Map<string, Priority[]>>();
  private readonly queues: Map<string, Record<string, string[]>>;
  private readonly moh: Map<string, Record<string, string[]>>;
  readonly runs: DialplanRun[] = [];

  constructor(
    files: ConfigFiles,
    private readonly options: { channelFormat?: "ulaw" | "alaw"; agentsAvailable?: boolean } = {},
  ) {
    for (const section of parseAsteriskFile(files["extensions.conf"] ?? "").sections) {
      const extens = new Map<string, Priority[]>();
      let current: Priority[] | undefined;
      for (const e of section.entries) {
        const m = /^([^,]+),([^,]+),([A-Za-z]\w*)(?:\((.*)\))?$/.exec(e.value);
        if (e.key === "exten" && m) {
          current = [];
          extens.set(m[1]!, current);
          // priorities are positional here: n is the next; a first priority above 1 keeps its number
          for (let p = 1; p < Number(m[2]); p++) current.push({ app: "NoOp", data: "" });
          current.push({ app: m[3]!, data: m[4] ?? "" });
        } else if (e.key === "same" && current) {
          const s = /^n,([A-Za-z]\w*)(?:\((.*)\))?$/.exec(e.value);
          if (s) current.push({ app: s[1]!, data: s[2] ?? "" });
        }
      }
      this.contexts.set(section.name, extens);
    }
    this.queues = sectionsOf(files["queues.conf"]);
    this.moh = sectionsOf(files["musiconhold.conf"]);
  }

  /** Runs the dialplan for a channel from a place in it; the run is kept in `runs` too. */
  run(channelId: string, context: string, exten: string, priority: number): DialplanRun {
    const run: DialplanRun = { channelId, steps: [], heard: [], warnings: [], end: "end_of_dialplan" };
    this.runs.push(run);
    let at = { context, exten, priority };
    for (let n = 0; n < MAX_STEPS; n++) {
      const extens = this.contexts.get(at.context);
      const key = extens && [...extens.keys()].find((k) => matches(k, at.exten));
      const step = key ? extens!.get(key)![at.priority - 1] : undefined;
      if (!step) return run;
      run.steps.push(`${at.context},${at.exten},${at.priority}: ${step.app}(${step.data})`);
      at = { ...at, priority: at.priority + 1 };
      switch (step.app) {
        case "Playback":
          for (const file of step.data.split(",")[0]!.split("&")) this.play(run, file.trim(), "sound");
          break;
        case "Goto": {
          const [c, e, p] = step.data.split(",");
          at = { context: c!, exten: e!, priority: Number(p) };
          break;
        }
        case "Queue":
          if (this.queue(run, step.data.split(",")[0]!)) {
            run.end = "queued";
            return run;
          }
          break;
        case "Hangup":
          run.end = "hangup";
          return run;
        case "Stasis":
          // reached only when the app is not registered: Stasis fails at once and the dialplan goes on
          run.warnings.push(`Stasis app '${step.data.split(",")[0]}' doesn't exist`);
          break;
        default:
        // Answer, NoOp, Set…: nothing the caller hears
      }
    }
    run.end = "loop";
    return run;
  }

  /** Plays a sound as Asterisk's file layer finds it; a file missing in every format is silence. */
  private play(run: DialplanRun, file: string, kind: "sound" | "announcement"): void {
    for (const ext of EXTENSIONS[this.options.channelFormat ?? "ulaw"]) {
      const path = `${file}.${ext}`;
      if (!existsSync(path)) continue;
      const format = CHECKED[ext];
      const problem = format && soundFileProblem(path, format);
      if (problem) {
        run.warnings.push(`${path}: cannot be opened (${problem})`);
        run.heard.push({ kind: "silence", why: `${file} unreadable` });
        return;
      }
      run.heard.push({ kind, file, format: ext });
      return;
    }
    run.warnings.push(`File ${file} does not exist in any format`);
    run.heard.push({ kind: "silence", why: `${file} does not exist in any format` });
  }

  /** A queue: joined only with an agent available; while waiting, music on hold and the periodic announcements. */
  private queue(run: DialplanRun, name: string): boolean {
    const q = this.queues.get(name);
    if (!q) {
      run.warnings.push(`Queue '${name}' does not exist`);
      return false;
    }
    const klass = q.musicclass?.[0];
    const dir = klass ? this.moh.get(klass)?.directory?.[0] : undefined;
    const files = dir && existsSync(dir) ? readdirSync(dir).filter((f) => !f.startsWith(".") && /\.[^.]{2,}$/.test(f)) : [];
    if (!klass) run.heard.push({ kind: "silence", why: `queue ${name} has no music class` });
    else if (!files.length) {
      run.warnings.push(`Music class '${klass}' has no files to play`);
      run.heard.push({ kind: "silence", why: `music class ${klass} has nothing to play` });
    } else run.heard.push({ kind: "music", moh: klass, files: new Set(files.map((f) => f.replace(/\.[^.]+$/, ""))).size });
    const announcements = (q["periodic-announce"]?.[0] ?? "").split(/[,|]/).filter(Boolean);
    if (!announcements.length) run.heard.push({ kind: "silence", why: `queue ${name} never says "please hold"` });
    for (const file of announcements) this.play(run, file.trim(), "announcement");
    return this.options.agentsAvailable === true;
  }
}

function sectionsOf(text: string | undefined): Map<string, Record<string, string[]>> {
  const out = new Map<string, Record<string, string[]>>();
  for (const s of parseAsteriskFile(text ?? "").sections) {
    const values: Record<string, string[]> = {};
    for (const e of s.entries) (values[e.key] ??= []).push(e.value);
    out.set(s.name, values);
  }
  return out;
}

/** Asterisk's extension patterns: _ then X (0-9), Z (1-9), N (2-9), . (one or more), ! (zero or more), [..]. */
function matches(pattern: string, exten: string): boolean {
  if (!pattern.startsWith("_")) return pattern === exten;
  let re = "";
  for (let i = 1; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "X") re += "[0-9]";
    else if (c === "Z") re += "[1-9]";
    else if (c === "N") re += "[2-9]";
    else if (c === ".") re += ".+";
    else if (c === "!") re += ".*";
    else if (c === "[") {
      const close = pattern.indexOf("]", i);
      re += pattern.slice(i, close + 1);
      i = close;
    } else re += c.replace(/[\\^$*+?.()|{}]/g, "\\$&");
  }
  return new RegExp(`^${re}$`).test(exten);
}
