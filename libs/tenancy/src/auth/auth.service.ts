import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DatabaseTimeZones, ConflictError, ForbiddenError, JobIds, JobName, LOGGER, type Logger, QueueService, sqlStateOf, TenantDatabase, UnauthorizedError } from '@ringlypro/core';
import { QueryFailedError } from 'typeorm';
import { Client } from '../entities/client.entity';
import { User } from '../entities/user.entity';
import type { JwtClaims } from './auth-user';
import type { LoginDto } from './dto/login.dto';
import type { RegisterDto } from './dto/register.dto';
import { DEACTIVATED_CLIENT } from './deactivated-client';
import { LoginThrottle } from './login-throttle.service';
import { PasswordHasher } from './password-hasher';
import { clientView, userView } from './views';

const DEFAULT_TIMEZONE = 'America/New_York';
const BAD_CREDENTIALS = 'Email or password is incorrect';

/** Which field a unique violation at registration is about, by constraint name. */
const FIELD_BY_CONSTRAINT: Record<string, string> = { users_email_key: 'email', clients_business_phone_key: 'business_phone' };

export interface Session {
  token: string;
  user: ReturnType<typeof userView>;
  client: ReturnType<typeof clientView>;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
    private readonly queue: QueueService,
    private readonly passwords: PasswordHasher,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly timeZones: DatabaseTimeZones,
  ) {}

  /**
   * Creates the user, the client and its credit account in one transaction: all three, or none.
   * The password is hashed before the transaction opens, so no connection waits on bcrypt.
   */
  async register(dto: RegisterDto): Promise<Session> {
    await this.timeZones.assertKnown(dto.timezone);
    const passwordHash = await this.passwords.hash(dto.password);
    try {
      const { user, client } = await this.db.platform('registration', async (manager) => {
        if (await manager.exists(User, { where: { email: dto.email } })) throw new ConflictError('An account with this email already exists', 'email');
        if (await manager.exists(Client, { where: { business_phone: dto.business_phone } })) {
          throw new ConflictError('This business phone is already registered', 'business_phone');
        }
        const user = await manager.save(
          manager.create(User, {
            email: dto.email,
            password_hash: passwordHash,
            first_name: dto.first_name,
            last_name: dto.last_name,
            business_name: dto.business_name,
            business_phone: dto.business_phone,
            business_type: dto.business_type ?? null,
            website_url: dto.website_url ?? null,
            phone_number: dto.owner_phone ?? dto.business_phone,
            terms_accepted: true,
          }),
        );
        const client = await manager.save(
          manager.create(Client, {
            business_name: dto.business_name,
            business_phone: dto.business_phone,
            owner_name: `${dto.first_name} ${dto.last_name}`,
            owner_phone: dto.owner_phone ?? dto.business_phone,
            owner_email: dto.owner_email ?? dto.email,
            timezone: dto.timezone ?? DEFAULT_TIMEZONE,
            preferred_area_code: dto.area_code ?? null,
            user_id: user.id,
          }),
        );
        // The seed's column defaults: 0.00 balance, 100 free minutes resetting next month.
        await manager.query(`INSERT INTO credit_accounts (client_id) VALUES ($1)`, [client.id]);
        return { user, client: await manager.findOneByOrFail(Client, { id: client.id }) };
      });
      await this.requestNumber(client.id);
      return this.session(user, client);
    } catch (error) {
      // Two sign-ups racing for one email or phone: the constraint decides; name the field.
      const constraint = error instanceof QueryFailedError ? (error.driverError as { constraint?: string }).constraint : undefined;
      if (sqlStateOf(error) === '23505' && constraint && FIELD_BY_CONSTRAINT[constraint]) {
        const field = FIELD_BY_CONSTRAINT[constraint];
        throw new ConflictError(field === 'email' ? 'An account with this email already exists' : 'This business phone is already registered', field);
      }
      throw error;
    }
  }

  /**
   * Buying the Rachel number happens out of band (Telephony's provision-number job); its id is the
   * client's, so a retried sign-up never buys twice. If the queue is down the account still exists,
   * forwarding_status stays 'pending', and POST /api/client/:id/provision retries later.
   */
  private async requestNumber(clientId: number): Promise<void> {
    try {
      await this.queue.enqueue(JobName.ProvisionNumber, { client_id: clientId }, { jobId: JobIds.provisionNumber(clientId) });
    } catch (error) {
      this.logger.error({ err: error, client_id: clientId }, 'could not enqueue number provisioning');
    }
  }

  /** One generic 401 for every wrong email or password; the sixth failure in 15 minutes gets 429. */
  async login(dto: LoginDto, ip: string): Promise<Session> {
    const found = await this.db.platform('login', async (manager) => {
      await this.throttle.assertAllowed(manager, dto.email, ip);
      const user = await manager.getRepository(User).createQueryBuilder('u').addSelect('u.password_hash').where('u.email = :email', { email: dto.email }).getOne();
      const client = user ? await manager.findOne(Client, { where: { user_id: user.id }, order: { id: 'ASC' } }) : null;
      return { user, client };
    });
    const valid = await this.passwords.verify(dto.password, found.user?.password_hash ?? null);
    const ok = valid && found.user !== null && found.user.active && found.client !== null;
    await this.db.platform('login', async (manager) => {
      if (!ok) return this.throttle.recordFailure(manager, dto.email, ip);
      // The idle-number release counts from here: an account in use keeps its number.
      await manager.update(User, { id: found.user!.id }, { last_login_at: () => 'NOW()' });
      return this.throttle.clear(manager, dto.email, ip);
    });
    if (!ok) throw new UnauthorizedError(BAD_CREDENTIALS);
    // Said only to someone who proved the password, so it confirms nothing to a guesser.
    if (!found.client!.active) throw new ForbiddenError(DEACTIVATED_CLIENT);
    return this.session(found.user!, found.client!);
  }

  private session(user: User, client: Client): Session {
    const claims: JwtClaims = { sub: user.id, cid: client.id, role: user.role };
    return { token: this.jwt.sign(claims), user: userView(user), client: clientView(client) };
  }
}
