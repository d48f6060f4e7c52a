import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { InjectThrottlerOptions, InjectThrottlerStorage, normalizeIp, ThrottlerGuard, type ThrottlerModuleOptions, type ThrottlerRequest, type ThrottlerStorage } from '@nestjs/throttler';
import { LOGGER, type Logger, TooManyRequestsError } from '@ringlypro/core';
import type { Request, Response } from 'express';
import type { JwtClaims } from '../auth/auth-user';
import { RateBucket } from './rate-limit-buckets';
import { RATE_COST, RATE_EXEMPT, RATE_SIGN_UP, RATE_WEBHOOK } from './rate-limit.decorators';
import { RATE_LIMIT_STORE, type RateLimitStore } from './rate-limit-store';

/** How often a failing counter store is reported; requests keep flowing meanwhile. */
const STORE_FAILURE_LOG_EVERY_MS = 30_000;
const CALLER = Symbol('rate-limit-caller');

type RequestWithCaller = Request & { [CALLER]?: number | null };

/**
 * Global, first of the guards: counts each request against the budgets that apply to it before any
 * database work is done.
 *
 * - A request with a valid bearer token is counted against its client's budget (the token's `cid`,
 *   checked by signature only — forging one needs JWT_SECRET), so one tenant's burst never spends
 *   another's. Anything else counts against its address (req.ip, which honours TRUST_PROXY only).
 * - Routes weigh what they cost (@RateCost, RouteCost); sign-up also has an hourly per-address budget.
 * - Twilio webhooks are not counted here: the signature guard spends the platform-wide WebhookBudget
 *   once a request is proven to be Twilio's, so unsigned junk cannot spend it.
 *
 * Over budget: 429 in the error envelope with Retry-After. If the counter store (Redis) fails, the
 * request is allowed and the failure logged: an outage of the limiter must not become an outage of
 * the API.
 */
@Injectable()
export class ApiRateLimitGuard extends ThrottlerGuard {
  private lastStoreFailureLog = 0;

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly jwt: JwtService,
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
    @Inject(LOGGER) private readonly log: Logger,
  ) {
    super(options, storage, reflector);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    // A Twilio webhook is in none of these buckets (trackerFor gives each of them null): skipping it
    // here spares every call the per-bucket metadata lookups. Its budget is the signature guard's.
    return this.metadata<boolean>(context, RATE_EXEMPT) === true || this.metadata<boolean>(context, RATE_WEBHOOK) === true;
  }

  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const { context, limit, ttl, blockDuration, throttler } = props;
    const { req, res } = this.getRequestResponse(context) as { req: RequestWithCaller; res: Response };
    const tracker = this.trackerFor(throttler.name as RateBucket, req, context);
    if (tracker === null) return true;
    const weight = throttler.name === RateBucket.SignUp ? 1 : (this.metadata<number>(context, RATE_COST) ?? 1);

    let outcome;
    try {
      outcome = await this.store.hit(`${throttler.name}:${tracker}`, weight, limit, ttl, blockDuration);
    } catch (error) {
      this.reportStoreFailure(error);
      return true;
    }
    if (outcome.blocked) {
      const seconds = Math.max(1, Math.ceil(outcome.blockEndsInMs / 1000));
      throw new TooManyRequestsError(`Too many requests; try again in ${seconds} seconds`, seconds);
    }
    // The caller's own budget; the webhook and sign-up buckets are not what a dashboard paces itself by.
    if (throttler.name === RateBucket.Tenant || throttler.name === RateBucket.Address) {
      res.setHeader('X-RateLimit-Limit', String(limit));
      res.setHeader('X-RateLimit-Remaining', String(Math.max(0, limit - outcome.hits)));
    }
    return true;
  }

  /** The key this request is counted under in a bucket, or null if the bucket does not apply. */
  private trackerFor(bucket: RateBucket, req: RequestWithCaller, context: ExecutionContext): string | null {
    const webhook = this.metadata<boolean>(context, RATE_WEBHOOK) === true;
    switch (bucket) {
      case RateBucket.Webhooks:
        return null; // spent by WebhookBudget after the signature check
      case RateBucket.SignUp:
        return this.metadata<boolean>(context, RATE_SIGN_UP) === true ? this.addressOf(req) : null;
      case RateBucket.Tenant: {
        const clientId = webhook ? null : this.callerClientId(req);
        return clientId === null ? null : `client:${clientId}`;
      }
      case RateBucket.Address:
        return webhook || this.callerClientId(req) !== null ? null : this.addressOf(req);
      default:
        return null;
    }
  }

  /** The client of a validly signed, unexpired bearer token; computed once per request. */
  private callerClientId(req: RequestWithCaller): number | null {
    if (req[CALLER] !== undefined) return req[CALLER];
    let clientId: number | null = null;
    const header = req.headers.authorization;
    if (typeof header === 'string' && header.startsWith('Bearer ')) {
      try {
        const claims = this.jwt.verify<JwtClaims>(header.slice('Bearer '.length).trim(), { algorithms: ['HS256'] });
        if (Number.isSafeInteger(claims.cid)) clientId = claims.cid;
      } catch {
        clientId = null;
      }
    }
    req[CALLER] = clientId;
    return clientId;
  }

  /** IPv6 clients are counted per /64: one subscriber's whole prefix is one address. */
  private addressOf(req: Request): string {
    return normalizeIp(req.ip ?? req.socket.remoteAddress ?? 'unknown', 64);
  }

  private metadata<T>(context: ExecutionContext, key: string): T | undefined {
    return this.reflector.getAllAndOverride<T>(key, [context.getHandler(), context.getClass()]);
  }

  private reportStoreFailure(error: unknown): void {
    const now = Date.now();
    if (now - this.lastStoreFailureLog < STORE_FAILURE_LOG_EVERY_MS) return;
    this.lastStoreFailureLog = now;
    this.log.warn({ err: error }, 'rate-limit counters unavailable; requests are not being limited');
  }
}
