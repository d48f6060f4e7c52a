import type { ChildProcess } from 'node:child_process';

/** What a bench server (product, anchor or bare app) reports of itself over IPC. */
export interface ServerCounters {
  /** SQL messages sent — round trips: a group-committed batch is one (the product counts every pg query, the anchor its inserts, the bare app none). */
  statements: number;
  /** HTTP requests served. */
  requests: number;
  /** CPU time of the whole process (user + system, every thread), microseconds. */
  cpuMicros: number;
}

/** The request a bench server answers with its ServerCounters (see counters-reply.mjs). */
export const COUNTERS_REQUEST = { counters: true } as const;

/** Asks a bench server for its counters; a server that is gone or does not answer within 10 s fails the bench. */
export function serverCounters(server: ChildProcess, name: string): Promise<ServerCounters> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      server.off('message', listener);
      reject(new Error(`The ${name} server did not report its counters within 10 s (did it exit? see ${name}.log)`));
    }, 10_000);
    const listener = (message: Partial<ServerCounters> & { counters?: unknown }) => {
      if (typeof message.cpuMicros !== 'number') return;
      clearTimeout(timer);
      server.off('message', listener);
      resolve({ statements: message.statements ?? 0, requests: message.requests ?? 0, cpuMicros: message.cpuMicros });
    };
    server.on('message', listener);
    server.send(COUNTERS_REQUEST, (error) => {
      if (!error) return;
      clearTimeout(timer);
      server.off('message', listener);
      reject(new Error(`The ${name} server cannot be asked for its counters (${error.message}; see ${name}.log)`));
    });
  });
}
