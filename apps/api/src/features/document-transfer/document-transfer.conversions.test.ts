import { stateToJson } from "@ensemble/editor/convert";
import { afterEach, describe, expect, it } from "vitest";
import { ConversionError, type ConversionInput, ConversionPool } from "./document-transfer.conversions.ts";
import { SLOW_BACKTICKS, wordFileOfParagraphs } from "./document-transfer.test-files.ts";

const pools: ConversionPool[] = [];

/** A pool with test limits, closed after the test. */
function pool(limits: ConstructorParameters<typeof ConversionPool>[0] = {}): ConversionPool {
  const made = new ConversionPool(limits);
  pools.push(made);
  return made;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((made) => made.close()));
});

/** Why the conversion failed (or "converted"). */
async function outcome(conversions: ConversionPool, input: ConversionInput): Promise<{ result: string }> {
  try {
    await conversions.convert(input);
    return { result: "converted" };
  } catch (err) {
    if (!(err instanceof ConversionError)) {
      throw err;
    }
    return { result: err.reason };
  }
}

/** The text of every text node, in order. */
function texts(state: Uint8Array): string[] {
  const out: string[] = [];
  const walk = (node: { text?: string; content?: unknown[] }) => {
    if (typeof node.text === "string") {
      out.push(node.text);
    }
    for (const child of node.content ?? []) {
      walk(child as typeof node);
    }
  };
  walk(stateToJson(state) as { content?: unknown[] });
  return out;
}

describe("ConversionPool", () => {
  it("converts Markdown and Word files to a Yjs state in a thread, and says which files it cannot read", async () => {
    const conversions = pool();
    expect(texts(await conversions.convert({ format: "markdown", text: "# Titel\n\n**fett**" }))).toEqual([
      "Titel",
      "fett",
    ]);
    expect(texts(await conversions.convert({ format: "docx", bytes: wordFileOfParagraphs(200) }))).toContain(
      "a",
    );
    const bad = await outcome(conversions, { format: "docx", bytes: new TextEncoder().encode("kein Word") });
    expect(bad.result).toBe("unreadable");
    // the thread that found the file unreadable is still good for the next one
    expect(texts(await conversions.convert({ format: "markdown", text: "weiter" }))).toEqual(["weiter"]);
    expect(conversions.load).toEqual({ running: 0, waiting: 0 });
  });

  it("stops a conversion that takes too long, and the next one gets a fresh thread", async () => {
    const conversions = pool({ timeoutMs: 1_000 });
    const slow = await outcome(conversions, { format: "markdown", text: SLOW_BACKTICKS });
    expect(slow.result).toBe("timeout");
    expect(texts(await conversions.convert({ format: "markdown", text: "danach" }))).toEqual(["danach"]);
  });

  it("ends only the thread of a conversion that needs more memory than it has", async () => {
    const conversions = pool({ heapMb: 64, timeoutMs: 15_000 });
    const huge = await outcome(conversions, { format: "docx", bytes: wordFileOfParagraphs(4 * 1024 * 1024) });
    expect(huge.result).toBe("memory");
    expect(texts(await conversions.convert({ format: "markdown", text: "lebt noch" }))).toEqual([
      "lebt noch",
    ]);
  });

  it("runs at most `concurrency` conversions, lets `queue` more wait and refuses the rest as busy", async () => {
    const conversions = pool({ concurrency: 1, queue: 1, timeoutMs: 1_500 });
    const slow = outcome(conversions, { format: "markdown", text: SLOW_BACKTICKS });
    const waiting = outcome(conversions, { format: "markdown", text: "wartet" });
    expect(conversions.load).toEqual({ running: 1, waiting: 1 });
    const refused = await outcome(conversions, { format: "markdown", text: "zu viel" });
    expect(refused.result).toBe("busy");
    // refused at once, not after waiting: the two before it are still where they were
    expect(conversions.load).toEqual({ running: 1, waiting: 1 });
    expect((await slow).result).toBe("timeout");
    expect((await waiting).result).toBe("converted");
    expect(conversions.load).toEqual({ running: 0, waiting: 0 });
  });
});
