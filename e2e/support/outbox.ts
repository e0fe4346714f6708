import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "@playwright/test";

interface Mail {
  to: string;
  subject: string;
  text: string;
}

function mailsTo(to: string): Mail[] {
  const dir = join(process.env.E2E_DATA_DIR ?? "", "outbox");
  let files: string[];
  try {
    files = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return files.map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as Mail).filter((m) => m.to === to);
}

/** Waits for the `n`-th mail to `to` in the dev outbox and returns the link in it containing `path`. */
export async function linkFromMail(to: string, path: string, n = 1): Promise<string> {
  let link = "";
  await expect
    .poll(() => {
      const mails = mailsTo(to);
      const mail = mails[n - 1];
      link = mail?.text.match(/https?:\/\/\S+/g)?.find((l) => l.includes(path)) ?? "";
      return link;
    })
    .not.toBe("");
  return link;
}
