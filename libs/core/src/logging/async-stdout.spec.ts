import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Runs `script` in a fresh node with the project's TypeScript paths; returns what it wrote to stdout. */
function run(script: string): { stdout: string; status: number | null } {
  const root = join(__dirname, '../../../..');
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', '-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { stdout: result.stdout, status: result.status };
}

describe('the logger writes stdout asynchronously without losing lines', () => {
  const LINES = 5000;
  const logThen = (ending: string) =>
    `const { createLogger } = require('./libs/core/src/logging/logger');
     const log = createLogger('info');
     for (let i = 0; i < ${LINES}; i++) log.info({ i }, 'line');
     ${ending}`;

  it.each([
    ['the process exits on its own', ''],
    ['process.exit() is called at once', 'process.exit(0);'],
    ['an uncaught exception ends the process', "setImmediate(() => { throw new Error('boom'); });"],
  ])('every line is on stdout when %s', (_case, ending) => {
    const { stdout } = run(logThen(ending));
    const lines = stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { i: number; msg: string });
    expect(lines).toHaveLength(LINES);
    expect(lines.map((line) => line.i)).toEqual(Array.from({ length: LINES }, (_, i) => i));
  });
});
