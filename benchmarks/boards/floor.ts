/**
 * The machine floor for event delivery: the least a server can do to tell 200 streams about a
 * move. A plain `node:http` server: `GET /api/events` keeps a text/event-stream open;
 * `POST /api/tasks/<id>/move` writes one `task.changed` message (a card of the usual size) to
 * every open stream, then answers. No database, no session, no access check, no event log. What
 * it shows is what this machine (two processes, loopback, 200 sockets) costs by itself.
 * Run by the benchmark as its own process: `PORT=<port> node --import tsx floor.ts`.
 */
import { createServer, type ServerResponse } from "node:http";

const port = Number(process.env.PORT ?? 0);
const streams = new Set<ServerResponse>();
let nextId = 1;

function card(taskId: string, columnId: string): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    id: taskId,
    projectId: "00000000-0000-4000-8000-000000000001",
    boardId: "00000000-0000-4000-8000-000000000002",
    columnId,
    position: "a0V",
    title: "Abstimmen: Bühnenplan mit der Technik (1234)",
    priority: "medium",
    startDate: null,
    dueDate: "2026-12-24",
    assignees: [{ id: "00000000-0000-4000-8000-000000000003", displayName: "Anna Amsel 1" }],
    labelIds: ["00000000-0000-4000-8000-000000000004", "00000000-0000-4000-8000-000000000005"],
    checklist: { done: 2, total: 5 },
    commentCount: 3,
    hasDescription: true,
    recurrence: null,
    completedAt: null,
    archivedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

const server = createServer((req, res) => {
  const url = req.url ?? "/";
  if (req.method === "GET" && url === "/api/health") {
    res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
    return;
  }
  if (req.method === "GET" && url === "/api/events") {
    res.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      connection: "keep-alive",
    });
    res.write(": open\n\n");
    streams.add(res);
    req.on("close", () => streams.delete(res));
    return;
  }
  const move = /^\/api\/tasks\/([^/]+)\/move$/.exec(url);
  if (req.method === "POST" && move) {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { columnId?: string };
      const task = card(move[1] ?? "", body.columnId ?? "");
      const id = String(nextId++);
      const event = {
        id,
        at: new Date().toISOString(),
        actorId: null,
        type: "task.changed",
        data: { projectId: task.projectId, boardId: task.boardId, task },
      };
      const message = `id: ${id}\nevent: task.changed\ndata: ${JSON.stringify(event)}\n\n`;
      for (const stream of streams) {
        stream.write(message);
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ task }));
    });
    return;
  }
  res.writeHead(404).end();
});
server.listen(port, "127.0.0.1");
process.on("SIGTERM", () => {
  for (const stream of streams) {
    stream.destroy();
  }
  server.close(() => process.exit(0));
});
