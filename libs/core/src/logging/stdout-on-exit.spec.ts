import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Runs `script` in a fresh node with the project's TypeScript paths; returns what it wrote to stdout. */
function run(script: string): { stdout: string; status: number | null } {
  const root = join(__dirname, '../../../..');
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', '-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { stdout: result.stdout, status: result.status };
}

describe('the logger (asynchronous stdout) loses no line when the process ends', () => {
  const LINES = 5000;
  const script = `const { createLogger } = require('./libs/core/src/logging/logger');
     const log = createLogger('info');
     for (let i = 0; i < ${LINES}; i++) log.info({ i }, 'line');`;

  // Only the orderly ending is asserted: with a write in flight, process.exit() or an uncaught
  // exception can put one chunk after the exit flush or lose it (see logger.ts).
  it('every line is on stdout, in order, when the process ends on its own', () => {
    const { stdout } = run(script);
    const lines = stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { i: number; msg: string });
    expect(lines).toHaveLength(LINES);
    expect(lines.map((line) => line.i)).toEqual(Array.from({ length: LINES }, (_, i) => i));
  });
});
