import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

/** Loopback only: the local stack is for this machine. */
export const LOOPBACK = '127.0.0.1';

/** Listens and resolves the bound port, turning EADDRINUSE into a message a person can act on. */
export function listen(server: Server, port: number, what: string, envVar: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new PortInUseError(
              `Port ${port} (${what}) is already in use. Stop whatever is using it, or choose another port with ${envVar}=<port>.`,
            )
          : error,
      );
    };
    server.once('error', onError);
    server.listen(port, LOOPBACK, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops accepting, drops keep-alive connections, and resolves when the server is closed. */
export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
