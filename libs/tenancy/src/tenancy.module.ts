import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@ringlypro/core';
import type { StringValue } from 'ms';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { JwtStrategy } from './auth/jwt.strategy';
import { LoginThrottle } from './auth/login-throttle.service';
import { PasswordHasher } from './auth/password-hasher';
import { ClientChanges } from './clients/client-changes';
import { ClientDirectory } from './clients/client-directory.service';
import { ClientSettingsService } from './clients/client-settings.service';
import { ClientsController } from './clients/clients.controller';
import { RachelStatusService } from './clients/rachel-status.service';
import { TenantClientStore } from './clients/tenant-client.store';
import { ContactsController } from './contacts/contacts.controller';
import { ContactsService } from './contacts/contacts.service';
import { Client } from './entities/client.entity';
import { Contact } from './entities/contact.entity';
import { User } from './entities/user.entity';
import { TenantScopeInterceptor } from './tenant/tenant-scope.interceptor';
import { TenantGuard } from './tenant/tenant.guard';
import { ApiRateLimitGuard } from './rate-limits/api-rate-limit.guard';
import { rateBuckets } from './rate-limits/rate-limit-buckets';
import { RATE_LIMIT_STORE } from './rate-limits/rate-limit-store';
import { ConfiguredRateLimitStore } from './rate-limits/rate-limit-store.provider';
import { WebhookBudget } from './rate-limits/webhook-budget';

/** Tenancy: users, clients (the tenants), authentication, tenant scoping and the contacts CRM. */
@Module({
  imports: [
    TypeOrmModule.forFeature([User, Client, Contact]),
    PassportModule,
    ThrottlerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => ({ throttlers: rateBuckets(config) }) }),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.jwt.secret,
        signOptions: { algorithm: 'HS256', expiresIn: (/^\d+$/.test(config.jwt.expiresIn) ? Number(config.jwt.expiresIn) : config.jwt.expiresIn) as StringValue | number },
      }),
    }),
  ],
  controllers: [AuthController, ClientsController, ContactsController],
  providers: [
    AuthService,
    LoginThrottle,
    PasswordHasher,
    JwtStrategy,
    ClientChanges,
    TenantClientStore,
    ClientSettingsService,
    RachelStatusService,
    ClientDirectory,
    ContactsService,
    { provide: RATE_LIMIT_STORE, useClass: ConfiguredRateLimitStore },
    WebhookBudget,
    // Order matters: limit before any database work, authenticate, then decide the tenant; the
    // interceptor opens its transaction.
    { provide: APP_GUARD, useClass: ApiRateLimitGuard },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: TenantGuard },
    { provide: APP_INTERCEPTOR, useClass: TenantScopeInterceptor },
  ],
  exports: [TypeOrmModule, ClientChanges, TenantClientStore, RachelStatusService, WebhookBudget],
})
export class TenancyModule {}
