// pino JSON logs on stderr (stdout belongs to CLI output). Personal data may only travel under the
// redacted keys below, never inside message text.
import pino, { type Logger } from "pino";

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
    },
    destination,
  );
}
