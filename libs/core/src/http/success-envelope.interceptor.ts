import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { map, type Observable } from 'rxjs';
import { RAW_RESPONSE } from './raw-response.decorator';

/**
 * Wraps every JSON result in the seed's envelope: an object's fields are spread beside
 * `success: true`; a bare array becomes `data`. Handlers marked @RawResponse() are left alone.
 */
@Injectable()
export class SuccessEnvelopeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const raw = this.reflector.getAllAndOverride<boolean>(RAW_RESPONSE, [context.getHandler(), context.getClass()]);
    if (raw || context.getType() !== 'http') return next.handle();
    return next.handle().pipe(
      map((result: unknown) => {
        if (result === undefined || result === null) return { success: true };
        if (Array.isArray(result)) return { success: true, data: result };
        if (typeof result === 'object' && !Buffer.isBuffer(result)) return { success: true, ...(result as object) };
        return result;
      }),
    );
  }
}
