import type { NestExpressApplication } from '@nestjs/platform-express';

export interface Route {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
}

/** Every route the running app serves, read from Express's own router: new endpoints are covered without listing them. */
export function routesOf(app: NestExpressApplication): Route[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } };
  return express.router.stack.flatMap((layer) =>
    layer.route ? Object.keys(layer.route.methods).filter((m): m is Route['method'] => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((method) => ({ method, path: layer.route!.path })) : [],
  );
}
