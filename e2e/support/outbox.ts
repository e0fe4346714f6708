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

/** Waits for a mail to `to` in the dev outbox with a link containing `path`; returns the newest such link. */
export async function linkFromMail(to: string, path: string): Promise<string> {
  let link = "";
  await expect
    .poll(() => {
      const links = mailsTo(to).flatMap((m) => m.text.match(/https?:\/\/\S+/g) ?? []);
      link = links.filter((l) => l.includes(path)).at(-1) ?? "";
      return link;
    })
    .not.toBe("");
  return link;
}
