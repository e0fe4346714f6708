import { parentPort } from "node:worker_threads";
import { docxToJson, jsonToState, markdownToJson } from "@ensemble/editor/convert";

/** A file to turn into a document's first Yjs state. */
export type ConversionInput = { format: "markdown"; text: string } | { format: "docx"; bytes: Uint8Array };

/** What the main thread sends: one file, numbered. */
export type ConversionRequest = ConversionInput & { id: number };

/** What the thread answers: ready once its modules are loaded, then one reply per request. */
export type ConversionReply =
  | { type: "ready" }
  | { type: "done"; id: number; state: Uint8Array }
  | { type: "failed"; id: number; message: string };

/** File → Tiptap JSON → Yjs state: the part of an import whose cost the file decides. */
async function convert(input: ConversionInput): Promise<Uint8Array> {
  if (input.format === "markdown") {
    return jsonToState(markdownToJson(input.text));
  }
  return jsonToState(await docxToJson(input.bytes));
}

const port = parentPort;
if (!port) {
  throw new Error(
    "document-transfer.worker.ts runs only as a worker thread (see document-transfer.conversions.ts).",
  );
}
port.on("message", (request: ConversionRequest) => {
  convert(request).then(
    (state) => port.postMessage({ type: "done", id: request.id, state } satisfies ConversionReply),
    (err: unknown) =>
      port.postMessage({
        type: "failed",
        id: request.id,
        message: err instanceof Error ? err.message : String(err),
      } satisfies ConversionReply),
  );
});
port.postMessage({ type: "ready" } satisfies ConversionReply);
