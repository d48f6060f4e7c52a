import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { APP_CONFIG, type AppConfig, ErrorLogService } from '@ringlypro/core';
import { ClientNumberDirectory } from '@ringlypro/telephony';
import { WebhookBudget } from '@ringlypro/tenancy';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { ConversationStore } from '../store/conversation-store';
import { RachelTurnRunner } from '../turns/rachel-turn-runner';
import { RelayEndings } from './relay-endings';
import { isSignedByTwilio } from './relay-handshake';
import { RelaySession, type RelaySessionDeps } from './relay-session';
import { RelayTranscript } from './relay-transcript';
import { RELAY_SOCKET_PATH, RelayUrls } from './relay-urls';

/** Twilio's messages are small JSON; a bigger frame is not Twilio's and closes the socket (1009). */
const MAX_FRAME_BYTES = 64 * 1024;
/**
 * Every socket is pinged this often; one that has not answered the previous ping is dead (a peer gone
 * without a FIN or RST never says so) and is terminated, so its session ends and frees its slot hold.
 */
const HEARTBEAT_MS = 30_000;
/** How long shutdown waits for sessions to finish their clean-up (free holds) after their sockets close. */
const SHUTDOWN_DRAIN_MS = 5_000;

/**
 * The ConversationRelay endpoint, wss://…/voice/relay, on the API's own HTTP server: `ws` in noServer
 * mode on the server's 'upgrade' event. Chosen over @nestjs/platform-ws because the signature must be
 * checked on the raw handshake before any upgrade (a refused handshake is a plain 403, never an open
 * socket), there is exactly one socket route, and a Nest WebSocket adapter would change how the whole
 * application handles upgrades for no gain.
 */
@Injectable()
export class RelayServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  private readonly sessions = new Set<RelaySession>();
  private server: Server | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly deps: RelaySessionDeps;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly urls: RelayUrls,
    private readonly budget: WebhookBudget,
    store: ConversationStore,
    turns: RachelTurnRunner,
    directory: ClientNumberDirectory,
    endings: RelayEndings,
    transcript: RelayTranscript,
    errors: ErrorLogService,
  ) {
    this.deps = { store, turns, directory, endings, transcript, errors, conversationTtlSeconds: config.voice.conversationTtlSeconds };
  }

  onApplicationBootstrap(): void {
    // The worker has no HTTP server, and so no relay endpoint.
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server) return;
    this.server = server;
    server.on('upgrade', this.upgrade);
    this.heartbeat = setInterval(() => {
      for (const session of this.sessions) session.checkAlive();
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Open relay sessions (each one a call in progress). */
  get openSessions(): number {
    return this.sessions.size;
  }

  /** Settles once every open session has handled what it has received. */
  async idle(): Promise<void> {
    await Promise.all([...this.sessions].map((session) => session.idle()));
  }

  /**
   * Before the HTTP server closes (it would wait for every upgraded socket) and before the conversation
   * store disconnects (a session's last work may still use it).
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.server?.off('upgrade', this.upgrade);
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const session of this.sessions) session.terminate();
    // A terminated socket reports 'close' a moment later, and only then does its session queue the
    // release of its hold: wait until every session is gone, not just for the work queued so far.
    const deadline = Date.now() + SHUTDOWN_DRAIN_MS;
    while (this.sessions.size > 0 && Date.now() < deadline) {
      await this.idle();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await new Promise<void>((resolve) => this.sockets.close(() => resolve()));
  }

  private readonly upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    const path = request.url ?? '';
    if (path.split('?')[0] !== RELAY_SOCKET_PATH) return reject(socket, 404, 'Not Found');
    if (!isSignedByTwilio(request, this.urls.signedSocketUrl(path), this.config.webhookSigningToken)) return reject(socket, 403, 'Forbidden');
    // Signed, and for the call our greeting named (the token in the URL): a session for that call only.
    const callSid = this.urls.callOf(path);
    if (!callSid) return reject(socket, 403, 'Forbidden');
    // Proven to be Twilio's, the handshake spends the platform-wide webhook budget like a webhook (one
    // per call; the prompts on the socket are the call's turns, not webhooks).
    this.budget.consume().then(
      () =>
        this.sockets.handleUpgrade(request, socket, head, (ws) => {
          const session = new RelaySession(ws, callSid, this.deps, (gone) => this.sessions.delete(gone));
          this.sessions.add(session);
        }),
      () => reject(socket, 429, 'Too Many Requests'),
    ).catch(() => socket.destroy());
  };
}

/** A refused handshake: a plain HTTP answer, then the connection is closed. */
function reject(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${reason.length}\r\n\r\n${reason}`);
}
