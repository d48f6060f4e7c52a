import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
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

const SESSION_EXAMPLE = {
  success: true,
  token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…',
  user: { id: 12, email: 'dana@acme-plumbing.com', first_name: 'Dana', last_name: 'Reyes', role: 'owner' },
  client: { id: 9, business_name: 'Acme Plumbing', business_phone: '+16566001400', ringlypro_number: null, forwarding_status: 'pending', rachel_enabled: true },
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
  @ApiCreatedResponse({ schema: { example: SESSION_EXAMPLE } })
  @ApiBadRequestResponse({ description: 'A field is missing or invalid, e.g. a password under 10 characters, over 72 bytes or commonly leaked (error.fields names each)' })
  @ApiConflictResponse({ description: 'The email or business phone is already registered (error.fields names which)' })
  register(@Body() dto: RegisterDto) {
    return this.auth.register(dto);
  }

  @Post('login')
  @Public()
  @RateCost(RouteCost.login)
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with email and password; returns a bearer token' })
  @ApiOkResponse({ schema: { example: SESSION_EXAMPLE } })
  @ApiUnauthorizedResponse({ description: 'Email or password is incorrect' })
  @ApiBadRequestResponse({ description: 'email is not an email address, or password is empty or over 72 bytes (error.fields names which)' })
  @ApiForbiddenResponse({ description: 'Right password, but the business account is deactivated' })
  @ApiTooManyRequestsResponse({
    description: 'Five failed logins for this email from this address, or LOGIN_ACCOUNT_MAX_FAILURES from any address, in the last 15 minutes; or the per-address request budget is spent. Retry-After says when to retry',
  })
  login(@Body() dto: LoginDto, @Req() req: Request) {
    return this.auth.login(dto, req.ip ?? 'unknown');
  }

  @Get('me')
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'The logged-in user and their business' })
  async me(@CurrentUser() user: AuthUser) {
    const owner = await this.client.owner();
    const client = await this.client.get();
    return { user: owner && owner.id === user.user_id ? userView(owner) : { id: user.user_id, role: user.role }, client: clientView(client) };
  }
}
