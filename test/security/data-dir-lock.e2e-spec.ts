import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnApi, type SpawnedApi } from '../support/spawned-api';
import { registrationBody } from '../support/tenants';

/** Issue 11 item 10: a second `npm start` on the same data directory must not corrupt the embedded database. */
describe('embedded data directory: one instance at a time', () => {
  const dirs: string[] = [];
  const running: SpawnedApi[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ringlypro-lock-'));
    dirs.push(dir);
    return dir;
  };
  const start = (env: Record<string, string>) => {
    const api = spawnApi(env);
    running.push(api);
    return api;
  };
  const within = <T>(promise: Promise<T>, ms: number, what: string) =>
    Promise.race([promise, new Promise<never>((_, fail) => setTimeout(() => fail(new Error(`${what} did not happen within ${ms} ms`)), ms).unref())]);
  afterAll(async () => {
    for (const api of running) await api.stop(2_000);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second instance with one line naming the first, keeps the first working, and the data readable after restart', async () => {
    const dataDir = tempDir();
    const [portA, portB] = [await freePort(), await freePort()];
    const first = start({ PORT: String(portA), DATA_DIR: dataDir });
    await first.ready();
    const owner = registrationBody();
    const post = (api: SpawnedApi, path: string, body: unknown) =>
      fetch(`${api.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
    expect((await post(first, '/api/auth/register', owner)).status).toBe(201);

    // Same data directory, another port: the lock stops it before it opens anything.
    const second = start({ PORT: String(portB), DATA_DIR: dataDir });
    expect(await within(second.exited, 60_000, 'the second instance exiting')).toBe(1);
    const lines = second.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`pid ${first.child.pid}, port ${portA}`);
    expect(lines[0]).toContain('set DATA_DIR to another folder');

    // Another data directory, the first one's port: refused before the database is even created.
    const otherDir = tempDir();
    const third = start({ PORT: String(portA), DATA_DIR: otherDir });
    expect(await within(third.exited, 60_000, 'the third instance exiting')).toBe(1);
    expect(third.output().trim()).toBe(`Port ${portA} is already in use (another RinglyPro instance or another program): stop it, or set PORT to a free port.`);
    expect(existsSync(join(otherDir, 'pglite'))).toBe(false);

    // The first is unharmed.
    expect((await post(first, '/api/auth/login', { email: owner.email, password: owner.password })).status).toBe(200);
    expect((await fetch(`${first.baseUrl}/health`)).status).toBe(200);
    expect(await first.stop()).not.toBe('SIGKILL');
    expect(existsSync(join(dataDir, 'ringlypro.lock'))).toBe(false);

    // A lock left behind by a process that no longer exists is taken over.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(join(dataDir, 'ringlypro.lock'), JSON.stringify({ pid: Number(dead), port: 1, started_at: new Date().toISOString() }));
    const restarted = start({ PORT: String(portA), DATA_DIR: dataDir });
    await restarted.ready();
    const login = await post(restarted, '/api/auth/login', { email: owner.email, password: owner.password });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { user: { email: string } }).user.email).toBe(owner.email);
    await restarted.stop();
  }, 300_000);

  it('turns a damaged embedded database into one readable message with the recovery step', async () => {
    const dataDir = tempDir();
    // Not a Postgres data directory at all: PGlite aborts inside WebAssembly when it tries to open it.
    const pglite = join(dataDir, 'pglite');
    mkdirSync(join(pglite, 'global'), { recursive: true });
    writeFileSync(join(pglite, 'PG_VERSION'), '17\n');
    writeFileSync(join(pglite, 'global', 'pg_control'), Buffer.alloc(8192, 0xab));
    const api = start({ PORT: String(await freePort()), DATA_DIR: dataDir });
    expect(await within(api.exited, 120_000, 'the instance exiting')).toBe(1);
    const lines = api.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`The embedded database in ${pglite} could not be opened`);
    expect(lines[0]).toContain(`mv ${pglite} ${pglite}.damaged`);
  }, 120_000);
});
