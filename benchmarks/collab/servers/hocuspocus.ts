import { Server } from "@hocuspocus/server";

/**
 * Hocuspocus (`@hocuspocus/server` 4.7) with its defaults and no extensions: documents live in
 * memory; it stops on SIGTERM by itself.
 */
const server = new Server({
  port: Number(process.env.PORT ?? 0),
  address: "127.0.0.1",
  quiet: true,
});
await server.listen();
