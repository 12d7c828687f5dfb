// The `ws` package ships no types; test/support/ws-server.mjs and the stream tests use this much of it.
declare module 'ws' {
  import type { IncomingMessage } from 'node:http';
  import type { AddressInfo } from 'node:net';

  /** Both ends of a connection: the server's socket for a client, and the client the Node tests use. */
  export class WebSocket {
    static readonly OPEN: 1;
    constructor(url: string);
    readonly readyState: number;
    send(data: string | Buffer): void;
    close(code?: number, reason?: string): void;
    terminate(): void;
    on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): this;
    on(event: 'close', listener: () => void): this;
  }

  export class WebSocketServer {
    constructor(options: { host?: string; port?: number });
    readonly clients: Set<WebSocket>;
    address(): AddressInfo | string;
    once(event: 'listening', listener: () => void): this;
    on(event: 'connection', listener: (socket: WebSocket, request: IncomingMessage) => void): this;
    close(callback?: () => void): void;
  }
}
