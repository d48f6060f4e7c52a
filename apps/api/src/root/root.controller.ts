import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiSuccess } from '@ringlypro/core';
import { Public } from '@ringlypro/tenancy';

const INDEX = {
  name: 'RinglyPro API',
  docs: '/docs',
  openapi: '/docs-json',
  health: '/health',
  register: '/api/auth/register',
  login: '/api/auth/login',
  me: '/api/client/me',
};

/** What a person (or a dashboard) opening the bare URL finds: where everything is. */
@ApiTags('health')
@Public()
@Controller()
export class RootController {
  @Get()
  @ApiOperation({ summary: 'Index: links to the Swagger explorer, the OpenAPI document, health, sign-up and login' })
  @ApiSuccess({ success: true, ...INDEX })
  @ApiErrors(429)
  index() {
    return INDEX;
  }
}
