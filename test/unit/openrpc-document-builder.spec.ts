import { validateOpenRPCDocument } from '@open-rpc/schema-utils-js';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Length, Min, ValidateNested } from 'class-validator';
import { RpcAuthSessionKey } from '../../lib/auth/rpc-auth-session-key.js';
import { RpcFunction } from '../../lib/decorators/rpc-function.decorator.js';
import { RpcData } from '../../lib/decorators/rpc-params.decorator.js';
import type { RpcFunctionDescriptor } from '../../lib/scanner/rpc-function.descriptor.js';
import type { RpcAccessRules } from '../../lib/interfaces/rpc-access-rules.interface.js';
import type { RpcFunctionOptions } from '../../lib/interfaces/rpc-function-options.interface.js';
import type { WeeRpcEndpointOptions } from '../../lib/interfaces/weerpc-options.interface.js';
import { describeEndpoint } from '../../lib/openrpc/endpoint-description.js';
import type { OpenRpcDocument, OpenRpcMethod } from '../../lib/openrpc/openrpc-document.interface.js';
import { RPC_FUNCTION_DOCS_METADATA, RPC_FUNCTION_METADATA } from '../../lib/weerpc.constants.js';
import { openRpcToolingErrors } from '../support/openrpc-validator.js';

class BasketLineDto {
  @IsString()
  @Length(1, 20)
  sku!: string;

  @IsInt()
  @Min(1)
  quantity!: number;
}

class BasketDto {
  @IsString()
  owner!: string;

  @IsOptional()
  @IsString()
  note?: string;

  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => BasketLineDto)
  lines!: BasketLineDto[];
}

class BasketTotalDto {
  @IsInt()
  total!: number;
}

class CountDto {
  @IsInt()
  @Min(1)
  n!: number;
}

/** One function of each kind the document describes; never run, only read. */
class UnitShop {
  @RpcFunction({ name: 'checkout', summary: 'Totals a basket.', result: BasketTotalDto })
  checkout(@RpcData() basket: BasketDto) {
    return { total: basket.lines.length };
  }

  @RpcFunction({
    name: 'add',
    data: { type: 'array', items: { type: 'number' } },
    result: { type: 'number' },
    examples: [{ name: 'one and two', data: [1, 2], result: 3 }],
  })
  add(data: number[]) {
    return data.reduce((sum, item) => sum + item, 0);
  }

  @RpcFunction({ name: 'count_to', description: 'Streams 1..n.', result: { type: 'integer' } })
  async *countTo(@RpcData() data: CountDto): AsyncGenerator<number> {
    for (let i = 1; i <= data.n; i++) {
      yield i;
    }
  }

  @RpcFunction('staff_only')
  staffOnly() {
    return 'staff';
  }
}

const OPEN: RpcAccessRules = { session: [], hostLists: [] };
const STAFF: RpcAccessRules = { session: [new RpcAuthSessionKey('role', ['staff-secret'])], hostLists: [['staff-host.test']] };

/** The descriptor discovery hands over for a decorated method of UnitShop, with the given rules. */
function descriptorOf(methodName: keyof UnitShop, access: RpcAccessRules = OPEN): RpcFunctionDescriptor {
  const method = UnitShop.prototype[methodName];
  return {
    name: Reflect.getMetadata(RPC_FUNCTION_METADATA, method) as string,
    place: `UnitShop#${methodName}`,
    methodName,
    type: UnitShop,
    access,
    docs: Reflect.getMetadata(RPC_FUNCTION_DOCS_METADATA, method) as RpcFunctionOptions,
    host: { instance: new UnitShop() },
  };
}

const FUNCTIONS = [descriptorOf('checkout'), descriptorOf('add'), descriptorOf('countTo'), descriptorOf('staffOnly', STAFF)];
const OPTIONS: WeeRpcEndpointOptions = {
  discovery: { title: 'Unit shop', version: '3.0.0', explorer: false },
  functions: { twice: (n: number) => n * 2 },
};

const describeShop = (access: RpcAccessRules = OPEN) =>
  describeEndpoint({ path: '/shop', protocols: ['weerpc/1.1', 'jsonrpc/2.0'], access, options: OPTIONS, functions: FUNCTIONS });

describe('the OpenRPC document built for an endpoint (no server)', () => {
  const discovery = describeShop();
  const { document } = discovery;
  const method = (name: string): OpenRpcMethod => document.methods.find(candidate => candidate.name === name)!;

  it("passes OpenRPC's own validator, formats checked (validateOpenRPCDocument, parseOpenRPCDocument)", async () => {
    expect(validateOpenRPCDocument(structuredClone(document) as never)).toBe(true);
    expect(await openRpcToolingErrors(document)).toEqual([]);
  });

  it('is refused by that validator with the bare path as server URL: formats are on', async () => {
    const relative = { ...document, servers: [{ name: '/shop', url: '/shop' }] };
    const errors = await openRpcToolingErrors(relative);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain('"dataPath": ".servers[0].url"');
    expect(errors[0]).toContain('should match format \\"uri\\"');
  });

  it('has the info, protocols and a server URL on the unknown origin', () => {
    expect(document.openrpc).toBe('1.3.2');
    expect(document.info).toEqual({ title: 'Unit shop', version: '3.0.0' });
    expect(document['x-weerpc-protocols']).toEqual(['weerpc/1.1', 'jsonrpc/2.0']);
    expect(document.servers).toEqual([{ name: '/shop', url: 'http://origin.invalid/shop' }]);
  });

  it('has one method per function, the plain functions last', () => {
    expect(document.methods.map(candidate => candidate.name)).toEqual(['checkout', 'add', 'count_to', 'staff_only', 'twice']);
  });

  it('describes a DTO-typed function by name, a param per property, the DTOs as components', () => {
    expect(method('checkout')).toMatchObject({
      summary: 'Totals a basket.',
      paramStructure: 'by-name',
      params: [
        { name: 'owner', required: true, schema: { type: 'string' } },
        { name: 'note', required: false, schema: { type: 'string' } },
        { name: 'lines', required: true, schema: { type: 'array', maxItems: 5, items: { $ref: '#/components/schemas/BasketLineDto' } } },
      ],
      result: { name: 'result', schema: { $ref: '#/components/schemas/BasketTotalDto' } },
      'x-weerpc-data': { $ref: '#/components/schemas/BasketDto' },
    });
    expect(Object.keys(document.components.schemas)).toEqual(['BasketDto', 'BasketLineDto', 'BasketTotalDto', 'CountDto']);
    expect(document.components.schemas.BasketLineDto).toEqual({
      type: 'object',
      properties: { sku: { type: 'string', minLength: 1, maxLength: 20 }, quantity: { type: 'integer', minimum: 1 } },
      required: ['sku', 'quantity'],
    });
  });

  it('describes data given as a schema (not an object) as one by-position param, with its example', () => {
    expect(method('add')).toMatchObject({
      paramStructure: 'by-position',
      params: [{ name: 'data', required: true, schema: { type: 'array', items: { type: 'number' } } }],
      result: { name: 'result', schema: { type: 'number' } },
      examples: [{ name: 'one and two', params: [{ name: 'data', value: [1, 2] }], result: { name: 'result', value: 3 } }],
    });
  });

  it('describes a streaming function like any other: its DTO params and its declared result', () => {
    expect(method('count_to')).toMatchObject({
      description: 'Streams 1..n.',
      paramStructure: 'by-name',
      params: [{ name: 'n', required: true, schema: { type: 'integer', minimum: 1 } }],
      result: { name: 'result', schema: { type: 'integer' } },
    });
  });

  it('gives a function without data no params, and a plain function open data', () => {
    expect(method('staff_only')).toMatchObject({ paramStructure: 'by-name', params: [], result: { name: 'result', schema: {} } });
    expect(method('staff_only')['x-weerpc-data']).toBeUndefined();
    expect(method('twice')).toMatchObject({ paramStructure: 'by-position', params: [{ name: 'data', required: false, schema: {} }] });
    expect(method('twice')['x-weerpc-data']).toEqual({});
  });

  it('lists the protocol errors, -32002 Unauthorized only on the function a rule guards', () => {
    const codes = (name: string) => method(name).errors.map(error => error.code);
    for (const name of ['checkout', 'add', 'count_to', 'twice']) {
      expect([name, codes(name)]).toEqual([name, [-32000, -32001, -32003, -32602, -32603]]);
    }
    expect(codes('staff_only')).toEqual([-32000, -32001, -32002, -32003, -32602, -32603]);
    expect(method('staff_only').errors).toContainEqual({ code: -32002, message: 'Unauthorized.' });
  });

  it('names the rules of the guarded function, never their values', () => {
    expect(method('staff_only')['x-weerpc-session-auth']).toEqual(['role']);
    expect(method('staff_only')['x-weerpc-host-auth']).toBe(true);
    expect(method('checkout')['x-weerpc-session-auth']).toBeUndefined();
    expect(document['x-weerpc-session-auth']).toBeUndefined();
    expect(JSON.stringify(document)).not.toMatch(/staff-secret|staff-host\.test/);
  });

  it('answers rpc.discover with this very document', () => {
    expect(discovery.outcome).toEqual({ ok: true, message: null, data: document });
  });

  describe("served to a GET (the text joined around the request's server URL)", () => {
    const served = discovery.resources.get('/shop/openrpc.json')!;
    const parse = (text: string) => JSON.parse(text) as OpenRpcDocument;

    it("is JSON, the document with its server on the request's origin, and passes the validator", async () => {
      expect(served.contentType).toBe('application/json; charset=utf-8');
      const text = served.body({ headers: { host: 'ignored.test' }, protocol: 'https', host: 'Api.Shop.test:8443' });
      const document_ = parse(text);
      expect(document_).toEqual({ ...document, servers: [{ name: '/shop', url: 'https://api.shop.test:8443/shop' }] });
      expect(await openRpcToolingErrors(document_)).toEqual([]);
    });

    it('reads the Host header when the framework says nothing, on http', () => {
      expect(parse(served.body({ headers: { host: '10.0.0.7:3000' } })).servers[0].url).toBe('http://10.0.0.7:3000/shop');
    });

    it('is the document for no request, byte for byte, when the origin cannot be told', () => {
      expect(served.body({ headers: {} })).toBe(JSON.stringify(document));
      expect(served.body({ headers: { host: 'evil.test/x' } })).toBe(JSON.stringify(document));
    });

    it('serves no explorer with `explorer: false`', () => {
      expect([...discovery.resources.keys()]).toEqual(['/shop/openrpc.json']);
    });
  });
});

describe('the OpenRPC document of an endpoint behind its own rules', () => {
  const { document } = describeShop({ session: [new RpcAuthSessionKey('logged_in', [true])], hostLists: [['shop.test']] });

  it("states the endpoint's rules once, and every method may answer Unauthorized", async () => {
    expect(document['x-weerpc-session-auth']).toEqual(['logged_in']);
    expect(document['x-weerpc-host-auth']).toBe(true);
    const unauthorized = document.methods.map(method => [method.name, method.errors.some(error => error.code === -32002)]);
    expect(unauthorized).toEqual(['checkout', 'add', 'count_to', 'staff_only', 'twice'].map(name => [name, true]));
    // The endpoint's rules are not repeated on each method; the function's own still are.
    expect(document.methods.filter(method => method['x-weerpc-session-auth']).map(method => method.name)).toEqual(['staff_only']);
    expect(JSON.stringify(document)).not.toContain('shop.test');
    expect(await openRpcToolingErrors(document)).toEqual([]);
  });
});
