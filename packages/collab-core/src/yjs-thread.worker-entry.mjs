// The entry of the Yjs thread (started by yjs-thread.ts). A worker thread cannot load TypeScript
// by itself: Node 20 ignores the `--import tsx` it inherits from `node --import tsx` or the tsx
// CLI. tsx's namespaced import loads the worker module and what it imports either way, and cannot
// clash with a loader a newer Node does pass on.
import { tsImport } from "tsx/esm/api";

await tsImport("./yjs-thread.worker.ts", import.meta.url);
