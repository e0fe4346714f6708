import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { binaryFrame, writeFrames } from "./frame.ts";
import { Connection } from "./room.ts";

let server: Server | null = null;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** A `ws` server on 127.0.0.1 that hands each connection and its socket to `onConnection`. */
async function listen(
  onConnection: (ws: WebSocket, socket: Duplex) => void,
  perMessageDeflate = false,
): Promise<number> {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate });
  server = createServer();
  server.on("upgrade", (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, socket));
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

/** Connects a stock `ws` client and collects `count` messages (bounded wait). */
function receive(port: number, count: number): Promise<Array<{ data: Buffer; binary: boolean }>> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/`);
    const got: Array<{ data: Buffer; binary: boolean }> = [];
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`only ${got.length} of ${count} messages arrived`));
    }, 5000);
    ws.on("message", (data, binary) => {
      got.push({ data: data as Buffer, binary });
      if (got.length === count) {
        clearTimeout(timer);
        ws.close();
        resolve(got);
      }
    });
    ws.on("error", reject);
  });
}

describe("frames made once for a whole room", () => {
  it("arrive as the binary messages they frame, in order with what ws sends itself, at every size", async () => {
    const small = new Uint8Array([0, 2, 5, 1, 2, 3, 4, 5]);
    // the three header sizes: up to 125 bytes, up to 64 KiB, beyond
    const medium = new Uint8Array(300).map((_, i) => i % 251);
    const large = new Uint8Array(70_000).map((_, i) => i % 241);
    // a view into a larger buffer, as a merged update often is
    const backing = new Uint8Array([9, 9, 9, 1, 2, 3, 9]);
    const view = backing.subarray(3, 6);
    const port = await listen((ws, socket) => {
      writeFrames(socket, [binaryFrame(small)]);
      ws.send(new Uint8Array([7]), { binary: true });
      writeFrames(socket, [binaryFrame(medium), binaryFrame(large), binaryFrame(view)]);
      ws.send(new Uint8Array([8]), { binary: true });
    });
    const got = await receive(port, 6);
    expect(got.every((m) => m.binary)).toBe(true);
    expect(got.map((m) => [...m.data])).toEqual([[...small], [7], [...medium], [...large], [1, 2, 3], [8]]);
  });

  it("are the same bytes for every connection, so one frame serves a whole room", async () => {
    const frame = binaryFrame(new Uint8Array([0, 2, 1, 42]));
    const port = await listen((_ws, socket) => writeFrames(socket, [frame, frame]));
    const [a, b] = await Promise.all([receive(port, 2), receive(port, 2)]);
    expect(a?.map((m) => [...m.data])).toEqual([
      [0, 2, 1, 42],
      [0, 2, 1, 42],
    ]);
    expect(b).toEqual(a);
  });

  it("are refused for a connection that negotiated compression (ws would queue its own sends)", async () => {
    const identity = {
      userId: "u",
      displayName: "Uta",
      sessionId: "s",
      documentId: "d",
      projectId: "p",
      canEdit: true,
    };
    const outcome = new Promise<string>((resolve) => {
      void listen((ws, socket) => {
        try {
          new Connection(ws, socket, identity, false);
          resolve("accepted");
        } catch (err) {
          resolve(err instanceof Error ? err.message : String(err));
        }
        ws.terminate();
      }, true).then((port) => {
        const client = new WebSocket(`ws://127.0.0.1:${port}/`, { perMessageDeflate: true });
        client.on("error", () => undefined);
      });
    });
    expect(await outcome).toMatch(/no WebSocket extensions \(got "permessage-deflate/);
  });
});
