import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer from "nodemailer";
import type { Logger } from "pino";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** Sends through SMTP (`SMTP_URL`, e.g. smtps://user:pass@mail.example.org:465). */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}

/**
 * Without SMTP: every mail becomes a JSON file in `<dataDir>/outbox` and a log line, so a newcomer
 * can finish every flow (verify, reset) on one machine.
 */
export function outboxMailer(dir: string, from: string, log: Logger): Mailer {
  return {
    async send(mail) {
      await mkdir(dir, { recursive: true });
      const sentAt = new Date().toISOString();
      const name = `${sentAt.replace(/[:.]/g, "-")}-${randomBytes(4).toString("hex")}.json`;
      await writeFile(join(dir, name), `${JSON.stringify({ from, ...mail, sentAt }, null, 2)}\n`);
      log.info({ to: mail.to, subject: mail.subject, file: name }, `mail (dev outbox):\n${mail.text}`);
    },
  };
}

/** Where the dev outbox lives in the data directory. */
export function outboxDir(dataDir: string): string {
  return join(dataDir, "outbox");
}
