import { createServer } from "node:http";
import { setupWSConnection } from "@y/websocket-server/utils";
import { WebSocketServer } from "ws";

/**
 * The y-websocket reference server (`@y/websocket-server` 0.1.1) as its README runs it: every
 * upgrade goes to `setupWSConnection`, the document name is the URL path. No persistence.
 */
const port = Number(process.env.PORT ?? 0);
const server = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "text/plain" });
  res.end("ok");
});
const wss = new WebSocketServer({ noServer: true });
wss.on("connection", setupWSConnection);
server.on("upgrade", (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
});
server.listen(port, "127.0.0.1");
process.on("SIGTERM", () => {
  wss.close();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
});
