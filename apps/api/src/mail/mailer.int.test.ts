import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { smtpMailer } from "./mailer.ts";

// A real SMTP conversation with a listener on 127.0.0.1 (the smtp-server package, by nodemailer's author).
const received: Array<{ from: string; to: string[]; raw: string }> = [];
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    let raw = "";
    stream.on("data", (chunk: Buffer) => {
      raw += chunk.toString("utf8");
    });
    stream.on("end", () => {
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
        to: session.envelope.rcptTo.map((r) => r.address),
        raw,
      });
      callback();
    });
  },
});
let port = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

it("sends through SMTP_URL with the configured sender", async () => {
  const mailer = smtpMailer(
    `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    "Ensemble <no-reply@kulturamt.example>",
  );
  await mailer.send({
    to: "erika@example.org",
    subject: "Bestätige deine E-Mail-Adresse",
    text: "Hallo Erika,\n\nLink",
  });
  expect(received).toHaveLength(1);
  expect(received[0]?.from).toBe("no-reply@kulturamt.example");
  expect(received[0]?.to).toEqual(["erika@example.org"]);
  expect(received[0]?.raw).toContain("Subject: =?UTF-8?Q?Best=C3=A4tige_deine_E-Mail-Adresse?=");
  expect(received[0]?.raw).toContain("Hallo Erika,");
});
