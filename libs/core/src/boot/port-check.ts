import { createServer } from 'node:net';

export class PortInUseError extends Error {}

/**
 * Fails fast, before anything is opened, when the HTTP port is taken: a start that would fail at
 * `listen` must not first open the database or recover jobs. Binds the way `app.listen(port)` does
 * (all interfaces) and lets go at once.
 */
export async function assertPortFree(port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new PortInUseError(`Port ${port} is already in use (another RinglyPro instance or another program): stop it, or set PORT to a free port.`)
          : error,
      ),
    );
    server.listen(port, () => server.close(() => resolve()));
  });
}
