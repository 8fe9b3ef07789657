import 'reflect-metadata';
import { Injectable, Module, NotFoundException, ValidationPipe } from '@nestjs/common';
import { IsInt } from 'class-validator';
import { RpcData, RpcFunction, RpcResponse, RpcSession, WeeRpcModule } from '../lib/index.js';

/** The soak's body limit: small, so oversized bodies are cheap to send. */
export const SOAK_BODY_LIMIT = 16 * 1024;

class CountDto {
  @IsInt()
  count!: number;
}

/**
 * The functions the soak calls. No constructor injection beyond `RpcResponse` is needed, but the
 * bench is compiled with tsc anyway (decorator metadata), like a real app.
 */
@Injectable()
export class SoakService {
  constructor(private readonly rpc: RpcResponse) {}

  @RpcFunction()
  echo(data: unknown) {
    return data;
  }

  @RpcFunction('add_numbers')
  add(data: number[]) {
    return this.rpc.success(
      data.reduce((sum, item) => sum + item, 0),
      "Function 'add_numbers' executed successfully",
    );
  }

  @RpcFunction()
  async later(data: unknown) {
    await new Promise(resolve => setImmediate(resolve));
    return data;
  }

  @RpcFunction()
  remember(@RpcData() data: unknown, @RpcSession() session: Record<string, unknown>) {
    session.value = data;
    return data;
  }

  @RpcFunction()
  count(@RpcData(new ValidationPipe({ transform: true })) dto: CountDto) {
    return dto.count + 1;
  }

  @RpcFunction()
  missing(data: { id: number }) {
    throw new NotFoundException(`Client ${data.id} not found`);
  }

  @RpcFunction()
  crash(): never {
    throw new Error('an unexpected failure');
  }
}

@Module({ imports: [WeeRpcModule.forRoot({ path: 'rpc', bodyLimit: SOAK_BODY_LIMIT })], providers: [SoakService] })
export class SoakAppModule {}
