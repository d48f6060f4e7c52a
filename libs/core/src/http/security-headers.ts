import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../config/app-config';

/** API answers carry tenants' data; no browser or proxy cache may keep them. */
function noStoreForApi(req: Request, res: Response, next: NextFunction): void {
  if (req.path === '/api' || req.path.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store');
  next();
}

/**
 * helmet's headers (HSTS, nosniff, frame-ancestors 'self', a strict CSP …), `Cache-Control: no-store`
 * on /api/*, and CORS only for the origins CORS_ORIGINS lists: without it, browsers on other origins
 * cannot read any answer. Bearer tokens, not cookies, so credentials are never allowed cross-origin.
 */
export function applySecurityHeaders(app: INestApplication, config: AppConfig): void {
  app.use(
    helmet({
      // Swagger UI loads its own inline styles and images from data: URLs.
      contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:', 'https:'], 'style-src': ["'self'", "'unsafe-inline'", 'https:'] } },
    }),
  );
  app.use(noStoreForApi);
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      credentials: false,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
      exposedHeaders: ['Retry-After', 'X-Request-Id', 'X-RateLimit-Limit', 'X-RateLimit-Remaining'],
      maxAge: 600,
    });
  }
}
