import {
  Injectable,
  UseGuards,
  UseInterceptors,
  type CallHandler,
  type CanActivate,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Observable } from 'rxjs';

/**
 * The cheapest real guard: reads the request as guards do, then lets the call through.
 * It measures what the guard machinery costs, not what a guard's own logic costs.
 */
@Injectable()
export class BenchGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    return context.switchToHttp().getRequest() !== undefined;
  }
}

/** The cheapest real interceptor: hands the call on and returns its stream untouched. */
@Injectable()
export class BenchInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle();
  }
}

/** The guard on a method, as `@UseGuards(BenchGuard)`. */
export const WITH_GUARD = UseGuards(BenchGuard);
/** The interceptor on a method, as `@UseInterceptors(BenchInterceptor)`. */
export const WITH_INTERCEPTOR = UseInterceptors(BenchInterceptor);
