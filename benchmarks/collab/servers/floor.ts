import { createServer } from "node:http";
import { type RawData, type WebSocket, WebSocketServer } from "ws";

/**
 * The machine floor: the least a y-websocket server can be. A plain `ws` server that answers sync
 * step 1 with an empty step 2 (so a client counts itself synced) and relays every other frame,
 * unchanged, to every other connection on the same document (the URL path). No Yjs, no document
 * state, no storage, no merging: what is left of a latency is the machine's (two processes, the
 * kernel's loopback, idle cores waking up) and `ws`'s.
 *
 * A client that joins late gets nothing of what was sent before it, so the benchmark has floor
 * clients start their paragraph with their first keystroke (after everyone connected) and checks
 * convergence through an observer connected before them (see `scenarios.ts`).
 */
const MSG_SYNC = 0;
const SYNC_STEP1 = 0;
/** sync, step 2, an update of 2 bytes: no structs, an empty delete set (Yjs's empty update). */
const EMPTY_STEP2 = Buffer.from([MSG_SYNC, 1, 2, 0, 0]);

const port = Number(process.env.PORT ?? 0);
const rooms = new Map<string, Set<WebSocket>>();

const server = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "text/plain" });
  res.end("ok");
});
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 512 * 1024 * 1024 });

function frame(data: RawData): Buffer {
  if (Array.isArray(data)) {
    return Buffer.concat(data);
  }
  return data instanceof ArrayBuffer ? Buffer.from(data) : data;
}

wss.on("connection", (ws: WebSocket, name: string) => {
  let room = rooms.get(name);
  if (!room) {
    room = new Set();
    rooms.set(name, room);
  }
  const peers = room;
  peers.add(ws);
  ws.on("message", (data) => {
    const bytes = frame(data);
    // message type and sync sub-type are one-byte varuints here (both < 128)
    if (bytes[0] === MSG_SYNC && bytes[1] === SYNC_STEP1) {
      ws.send(EMPTY_STEP2);
      return;
    }
    for (const peer of peers) {
      if (peer !== ws && peer.readyState === peer.OPEN) {
        peer.send(bytes);
      }
    }
  });
  ws.on("close", () => {
    peers.delete(ws);
    if (peers.size === 0 && rooms.get(name) === peers) {
      rooms.delete(name);
    }
  });
  ws.on("error", () => ws.terminate());
});

server.on("upgrade", (req, socket, head) => {
  const name = (req.url ?? "/").split("?")[0] ?? "/";
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, name));
});
server.listen(port, "127.0.0.1");
process.on("SIGTERM", () => {
  wss.close();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
});
