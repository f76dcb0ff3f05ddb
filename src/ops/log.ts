// pino JSON logs on stderr (stdout belongs to CLI output). Personal data may only travel under the
// redacted keys below; should any slip into a message or a field's text anyway (a caller's words in an
// error), the same redaction as transcripts' replaces it.
import pino, { type Logger } from "pino";
import { redactDeep, redactText } from "./redact.js";

export type { Logger };

export const redactedKeys = [
  "callerNumber",
  "phone",
  "aadhaar",
  "accountNumber",
  "*.callerNumber",
  "*.phone",
  "*.aadhaar",
  "*.accountNumber",
];

export function createLogger(level: string = "info", destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino(
    {
      level,
      base: { app: "sahayak" },
      redact: { paths: redactedKeys, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: (fields) => redactDeep(fields) },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === "string" ? redactText(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
