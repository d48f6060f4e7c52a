import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiSuccess } from '@ringlypro/core';
import { CLIENT_EXAMPLE } from '../clients/client-examples';
import type { Request } from 'express';
import { TenantClientStore } from '../clients/tenant-client.store';
import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { CurrentUser } from './current-user.decorator';
import { LoginDto } from './dto/login.dto';
import { RegisterDto } from './dto/register.dto';
import { Public } from './route-access.decorators';
import { RateCost, RouteCost, SignUpRateLimit } from '../rate-limits/rate-limit.decorators';
import { clientView, userView } from './views';

const USER_EXAMPLE = {
  id: 12,
  email: 'dana@acme-plumbing.com',
  first_name: 'Dana',
  last_name: 'Reyes',
  role: 'owner',
  business_name: 'Acme Plumbing',
  business_phone: '+16566001400',
  business_type: 'Plumbing',
  website_url: 'https://acme-plumbing.com',
  onboarding_completed: false,
  created_at: '2026-10-01T12:00:00.000Z',
};

const SESSION_EXAMPLE = {
  success: true,
  token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…',
  user: USER_EXAMPLE,
  client: { ...CLIENT_EXAMPLE, ringlypro_number: null, number_status: 'pending', forwarding_verified: false, forwarding_verified_at: null, forwarding_status: 'pending' },
};

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly client: TenantClientStore,
  ) {}

  @Post('register')
  @Public()
  @SignUpRateLimit()
  @ApiOperation({ summary: 'Sign up: creates the user, the business (client) and its credit account; a Rachel number is provisioned in the background' })
  @ApiSuccess(SESSION_EXAMPLE, { status: 201 })
  @ApiErrors(
    [400, 'A field is missing or invalid, e.g. a password under 10 characters, over 72 bytes or commonly leaked (error.fields names each)'],
    [409, 'The email or business phone is already registered (error.fields names which)'],
    [429, 'Too many sign-ups from this address; Retry-After says when to retry'],
  )
  register(@Body() dto: RegisterDto) {
    return this.auth.register(dto);
  }

  @Post('login')
  @Public()
  @RateCost(RouteCost.login)
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with email and password; returns a bearer token' })
  @ApiSuccess(SESSION_EXAMPLE)
  @ApiErrors(
    [400, 'email is not an email address, or password is empty or over 72 bytes (error.fields names which)'],
    [401, 'Email or password is incorrect'],
    [403, 'Right password, but the business account is deactivated'],
    [
      429,
      'Five failed logins for this email from this address, or LOGIN_ACCOUNT_MAX_FAILURES from any address, in the last 15 minutes; or the per-address request budget is spent. Retry-After says when to retry',
    ],
  )
  login(@Body() dto: LoginDto, @Req() req: Request) {
    return this.auth.login(dto, req.ip ?? 'unknown');
  }

  @Get('me')
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'The logged-in user and their business' })
  @ApiSuccess({ success: true, user: USER_EXAMPLE, client: CLIENT_EXAMPLE })
  @ApiErrors(401, 429)
  async me(@CurrentUser() user: AuthUser) {
    const owner = await this.client.owner();
    const client = await this.client.get();
    return { user: owner && owner.id === user.user_id ? userView(owner) : { id: user.user_id, role: user.role }, client: clientView(client) };
  }
}
