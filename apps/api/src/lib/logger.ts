import pino, { type Logger } from "pino";
import type { AppConfig } from "../env.ts";

/**
 * The process logger: JSON lines (for log collectors) unless LOG_FORMAT is "pretty" — the default
 * when a person watches the terminal, so a newcomer can read the dev-outbox mails and links.
 */
export function createLogger(config: Pick<AppConfig, "logLevel" | "logFormat">): Logger {
  if (config.logFormat === "pretty") {
    return pino({
      level: config.logLevel,
      transport: { target: "pino-pretty", options: { colorize: true, ignore: "pid,hostname" } },
    });
  }
  return pino({ level: config.logLevel });
}
