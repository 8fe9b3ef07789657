import { Injectable } from '@nestjs/common';
import { RpcFunction, RpcResponse } from 'nestjs-weerpc';

@Injectable()
export class MathService {
  constructor(private readonly rpc: RpcResponse) {}

  @RpcFunction('add_numbers')
  add(data: unknown) {
    if (!Array.isArray(data) || !data.every(item => typeof item === 'number')) {
      return this.rpc.fail('Data must be a list of numbers.');
    }
    return this.rpc.success(
      data.reduce((sum: number, item: number) => sum + item, 0),
      "Function 'add_numbers' executed successfully",
    );
  }
}
