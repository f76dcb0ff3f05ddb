// A simulated day of calls in which callers say their phone, Aadhaar and account numbers (in digits and
// in words, Hindi and English), some calls dropped, some engines failing with the caller's words in
// their errors. Afterwards no caller number, Aadhaar or account number may be found in clear in the
// database files (WAL included) or in the logs.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterEach, beforeEach, it, mock } from "node:test";
import { createLogger } from "../../src/ops/log.js";
import { SahayakStore } from "../../src/store/index.js";
import { tempDir, testConfig } from "../helpers.js";
import { startFlow, toQuestions, type Harness } from "./harness.js";

beforeEach(() => mock.timers.enable({ apis: ["setTimeout", "setInterval"] }));
afterEach(() => mock.timers.reset());

const CALLERS = ["+91 98123 45678", "09812300001", "9876501234", "+919900112233", "8123456789", "7000012345"];
const SECRETS = {
  aadhaar: ["234567890123", "2345 6789 0123", "two three four five six seven eight nine zero one two three", "दो तीन चार पांच छह सात आठ नौ शून्य एक दो तीन"],
  account: ["50100123456789", "5010 0123 4567 89", "पांच शून्य एक शून्य शून्य एक दो तीन चार पांच छह"],
  phone: ["9988776655", "nine nine eight eight seven seven six six five five"],
};
const UTTERANCES = [
  `what is pm kisan, my aadhaar is ${SECRETS.aadhaar[1]}`,
  `my aadhaar number is ${SECRETS.aadhaar[2]} is my money sent`,
  `मेरा आधार ${SECRETS.aadhaar[3]} है, पैसा कब आएगा`,
  `which kisan yojana for account ${SECRETS.account[1]}`,
  `खाता ${SECRETS.account[2]} में पैसा नहीं आया`,
  `call me back on ${SECRETS.phone[0]}`,
  `my mobile is ${SECRETS.phone[1]} tell me the long answer`,
  `account ${SECRETS.account[0]} ifsc SBIN0001234 pan ABCDE1234F email ramesh@gmail.com`,
];

async function runCall(h: Harness, i: number): Promise<void> {
  await toQuestions(h);
  h.dialogue.failWithText = true;
  if (i % 3 === 0) h.dialogue.failures = 1;
  h.ears().startSpeaking();
  await h.advance(300);
  h.ears().finish(UTTERANCES[i % UTTERANCES.length]!, 0.9);
  await h.until(() => h.flow.turns.some((t) => t.role === "sahayak" && ["answer", "clarify"].includes(t.action ?? "")));
  if (i % 4 === 1) h.call.callerHangup(); // dropped mid-answer
  else {
    await h.until(() => h.flow.state === "LISTENING");
    h.ears().startSpeaking();
    await h.advance(200);
    h.ears().finish("that's all, bye", 0.9);
  }
  await h.until(() => h.flow.machine.ended);
  await h.done;
}

it("after a day of calls, no caller number, Aadhaar or account number is in the database or the logs", async () => {
  const dir = tempDir();
  let clock = Date.parse("2026-11-20T00:00:00Z");
  const store = SahayakStore.open(dir.path, testConfig(dir.path).store, () => clock);
  const logLines: string[] = [];
  const log = createLogger("debug", new Writable({ write: (chunk, _e, done) => (logLines.push(String(chunk)), done()) }) as never);
  try {
    for (let i = 0; i < 24; i++) {
      const callerNumber = CALLERS[i % CALLERS.length]!;
      log.info({ callId: `day-${i}`, callerNumber }, "call arrived");
      const h = startFlow({ store, callId: `day-${i}`, callerNumber, log });
      await runCall(h, i);
      clock += 55 * 60_000;
    }
    store.purge("test");
    assert.ok(store.calls.list().length >= 20, "the calls were recorded");
    assert.ok(logLines.some((l) => l.includes("cannot parse")), "the failing engine's error (with the caller's words) was logged");
  } finally {
    store.close();
  }
  const files = readdirSync(dir.path).filter((f) => f.startsWith("sahayak.db"));
  assert.ok(files.includes("sahayak.db"));
  const haystacks = [...files.map((f) => ({ where: f, text: readFileSync(join(dir.path, f)).toString("utf8") })), { where: "logs", text: logLines.join("") }];
  const needles = [
    ...CALLERS.flatMap((n) => [n, n.replace(/\D/g, "").slice(-10)]),
    "98123 45678",
    ...Object.values(SECRETS).flat(),
  ];
  for (const { where, text } of haystacks) {
    for (const needle of needles) assert.ok(!text.includes(needle), `"${needle}" found in clear in ${where}`);
  }
  const db = haystacks.find((h) => h.where === "sahayak.db")!.text;
  assert.ok(db.includes("[aadhaar]") && db.includes("[account]"), "the redacted transcripts are there");
  dir.cleanup();
});
