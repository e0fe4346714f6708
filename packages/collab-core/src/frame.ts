import type { Duplex } from "node:stream";
import { Sender } from "ws";

declare module "ws" {
  /** `ws`'s frame builder: exported by `ws` (lib/sender.js), not described by @types/ws. */
  export const Sender: {
    frame(
      data: Buffer,
      options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean },
    ): Buffer[];
  };
}

/**
 * A binary WebSocket message framed once, by `ws` itself. A server's frames are not masked, so
 * the same bytes are right for every client of a room: a broadcast frames its message once
 * instead of once per connection, and each connection writes one buffer.
 */
export type Frame = Buffer & { readonly __frame: true };

export function binaryFrame(message: Uint8Array): Frame {
  const data = Buffer.from(message.buffer, message.byteOffset, message.byteLength);
  const parts = Sender.frame(data, { fin: true, opcode: 2, mask: false, readOnly: true, rsv1: false });
  return (parts.length === 1 ? parts[0] : Buffer.concat(parts)) as Frame;
}

/**
 * Writes frames to a connection's socket, several in one system call (the socket is corked
 * around them). Only for sockets whose `ws` sends nothing compressed and no Blobs: then `ws`
 * writes straight to the socket too, and its frames and these stay in order.
 */
export function writeFrames(socket: Duplex, frames: readonly Frame[]): void {
  if (frames.length === 1) {
    socket.write(frames[0]);
    return;
  }
  socket.cork();
  for (const frame of frames) {
    socket.write(frame);
  }
  socket.uncork();
}
