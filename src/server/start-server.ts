import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequestHandler } from "./handle-request.ts";
import type { ReadStore } from "./routes.ts";

/** Loopback unless the operator says otherwise: the store may hold material not meant for the network. */
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PORT = 8080;
/** How long open keep-alive connections get to finish on shutdown before they are cut. */
const SHUTDOWN_GRACE_MS = 2000;
/** Host names that mean this machine only. */
const LOOPBACK_RE = /^(?:localhost|127(?:\.\d{1,3}){3}|::1|\[::1\])$/i;
/** Names a browser may send in the Host header for a loopback server. */
const LOOPBACK_HOST_NAMES = ["localhost", "127.0.0.1", "[::1]"];

/** What `startServer` needs: the store to read, and where to listen. */
export interface ServeOptions {
  store: ReadStore;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Where unexpected request errors are reported; default stderr. */
  log?: (line: string) => void;
}

/** A listening server: its address and how to stop it. */
export interface RunningServer {
  /** The address to open, e.g. http://127.0.0.1:8080/ */
  url: string;
  host: string;
  port: number;
  server: Server;
  /** Stops accepting connections and waits for open ones (cut after a short grace). Leaves the store open. */
  close(): Promise<void>;
}

/**
 * Whether a host string binds to this machine only.
 * @example isLoopback("127.0.0.1") // true; isLoopback("0.0.0.0") // false
 */
export function isLoopback(host: string): boolean {
  return LOOPBACK_RE.test(host);
}

/**
 * Starts the read-only HTTP server (JSON API under /api/v1 and the dashboard) over a store.
 * Rejects with the listen error (EADDRINUSE, EADDRNOTAVAIL…) when it cannot bind.
 * @example const s = await startServer({ store, port: 0 }); console.log(s.url); await s.close();
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? DEFAULT_PORT;
  const allowedHosts = isLoopback(host) ? [...LOOPBACK_HOST_NAMES, host.toLowerCase()] : [];
  const server = createServer(createRequestHandler(options.store, { allowedHosts, log: options.log }));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    host: address.address,
    port: address.port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        const cut = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
        cut.unref();
        server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
