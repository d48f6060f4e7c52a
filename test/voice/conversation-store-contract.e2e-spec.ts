import { FixedClock } from '@ringlypro/core';
import { type Conversation, type ConversationStore, MemoryConversationStore, RedisConversationStore, type StoredConversation } from '@ringlypro/voice';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';

/**
 * One contract, both adapters: conversations must round-trip, expire, stay apart per call and per
 * deployment prefix, and claims must admit one claimant per turn — in process memory exactly as in Redis.
 */
interface Adapter {
  store: ConversationStore;
  /** Lets `seconds` pass for expiry (the memory store reads the clock; Redis expires keys in real time). */
  pass(seconds: number): Promise<void>;
  /** A second store on the same backing (another replica), or null where there is none. */
  sibling(): ConversationStore | null;
  /** A store of another deployment sharing the backing (another QUEUE_PREFIX). */
  otherDeployment(): ConversationStore | null;
  close(): Promise<void>;
}

function adapters(): Array<[string, () => Adapter]> {
  const list: Array<[string, () => Adapter]> = [
    [
      'memory',
      () => {
        const clock = new FixedClock(new Date('2026-11-30T15:00:00Z'));
        const store = new MemoryConversationStore(clock);
        return { store, pass: async (s) => clock.advance(s * 1000), sibling: () => null, otherDeployment: () => null, close: () => store.close() };
      },
    ],
  ];
  const url = process.env.REDIS_URL;
  if (url) {
    list.push([
      'redis',
      () => {
        const prefix = `cs${randomBytes(5).toString('hex')}`;
        const opened: ConversationStore[] = [];
        const open = (p: string) => {
          const store = new RedisConversationStore(url, p);
          opened.push(store);
          return store;
        };
        const store = open(prefix);
        return {
          store,
          pass: (s) => new Promise((resolve) => setTimeout(resolve, s * 1000 + 150)),
          sibling: () => open(prefix),
          otherDeployment: () => open(`${prefix}x`),
          close: async () => {
            for (const s of opened) await s.close();
          },
        };
      },
    ]);
  }
  return list;
}

function conversation(callSid: string, turn: number): StoredConversation {
  const state = {
    callSid,
    clientId: 7,
    caller: '+13105550199',
    business: { name: 'Acme', greeting: null, timezone: 'America/New_York', hours: { start: '09:00', end: '17:00' }, openDays: [1, 2, 3, 4, 5], address: null, services: 'Cuts “from” $30 — ünïcode' },
    turn,
    expecting: 'name',
    question: 'May I have your name?',
    goal: 'book',
    misses: 0,
    draft: { date: '2026-12-01', time: '14:00', phone: '+13105550199' },
    offer: { date: '2026-12-01', time: '14:00' },
    alternatives: [],
    existing: null,
    pending: null,
    finished: false,
  } satisfies Conversation;
  return { state, callId: 31, answeredTurn: turn, twiml: `<?xml version="1.0" encoding="UTF-8"?><Response><Say>turn ${turn}</Say></Response>` };
}

describe.each(adapters())('ConversationStore contract: %s', (_name, make) => {
  let adapter: Adapter;
  beforeEach(() => {
    adapter = make();
  });
  afterEach(() => adapter.close());

  const sid = () => `CA${randomBytes(16).toString('hex')}`;

  it('round-trips a conversation exactly, and knows nothing of calls it never stored', async () => {
    const id = sid();
    expect(await adapter.store.get(id)).toBeNull();
    await adapter.store.put(id, conversation(id, 2), 60);
    expect(await adapter.store.get(id)).toEqual(conversation(id, 2));
  });

  it('keeps the latest put, and each call apart', async () => {
    const [a, b] = [sid(), sid()];
    await adapter.store.put(a, conversation(a, 1), 60);
    await adapter.store.put(b, conversation(b, 5), 60);
    await adapter.store.put(a, conversation(a, 2), 60);
    expect((await adapter.store.get(a))?.answeredTurn).toBe(2);
    expect((await adapter.store.get(b))?.answeredTurn).toBe(5);
  });

  it('forgets a conversation once its TTL has passed without a turn (abandoned calls clean up)', async () => {
    const id = sid();
    await adapter.store.put(id, conversation(id, 1), 1);
    expect(await adapter.store.get(id)).not.toBeNull();
    await adapter.pass(1);
    expect(await adapter.store.get(id)).toBeNull();
  });

  it('deletes', async () => {
    const id = sid();
    await adapter.store.put(id, conversation(id, 1), 60);
    await adapter.store.delete(id);
    expect(await adapter.store.get(id)).toBeNull();
  });

  it('lets exactly one claimant work on a turn, even when they race', async () => {
    const id = sid();
    const claims = await Promise.all(Array.from({ length: 10 }, () => adapter.store.claim(id, 3, 60)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await adapter.store.claim(id, 4, 60)).toBe(true);
    expect(await adapter.store.claim(sid(), 3, 60)).toBe(true);
  });

  it('shares conversations between replicas on the same backing, never between deployments', async () => {
    const sibling = adapter.sibling();
    const other = adapter.otherDeployment();
    if (!sibling || !other) return; // process memory is one replica by definition
    const id = sid();
    await adapter.store.put(id, conversation(id, 4), 60);
    expect((await sibling.get(id))?.answeredTurn).toBe(4);
    expect(await other.get(id)).toBeNull();
    expect(await sibling.claim(id, 9, 60)).toBe(true);
    expect(await adapter.store.claim(id, 9, 60)).toBe(false);
  });

  if (_name === 'redis') {
    it('keeps its keys under the deployment prefix with a TTL', async () => {
      const id = sid();
      await adapter.store.put(id, conversation(id, 1), 90);
      const redis = new Redis(process.env.REDIS_URL!);
      try {
        const keys = await redis.keys(`*conversation:${id}`);
        expect(keys).toHaveLength(1);
        expect(keys[0]).toMatch(/^cs[0-9a-f]{10}:conversation:CA/);
        const ttl = await redis.ttl(keys[0]);
        expect(ttl).toBeGreaterThan(80);
        expect(ttl).toBeLessThanOrEqual(90);
      } finally {
        redis.disconnect();
      }
    });

    it('fails fast (no offline queue) when Redis is unreachable, so a webhook can still answer in time', async () => {
      const down = new RedisConversationStore('redis://127.0.0.1:1', 'down');
      const started = Date.now();
      await expect(down.get(sid())).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(3000);
      await down.close();
    });
  }
});
