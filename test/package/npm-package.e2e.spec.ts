/**
 * The published package as a user gets it: `npm pack` of this repository, installed from the
 * tarball into a fresh Nest 12 application in the system's temp directory, compiled with tsc
 * against that application's own node_modules and run with node on Express and on Fastify.
 *
 * Nothing here goes through jest's moduleNameMapper (which maps `nestjs-weerpc` to lib/): the
 * application runs as a child process that resolves the package from its own node_modules.
 * It needs dist/ built (`npm test` builds before jest) and the npm cache warm from `npm ci`.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSC = join(REPOSITORY_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** The temp app depends on these at the exact versions this repository's lock installed. */
const APP_DEPENDENCIES = [
  '@types/node',
  '@nestjs/common',
  '@nestjs/core',
  '@nestjs/platform-express',
  '@nestjs/platform-fastify',
  'reflect-metadata',
  'rxjs',
];

const installedVersion = (name: string): string =>
  JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;

/**
 * The environment of every child: without NODE_PATH (it would let the app resolve this
 * repository's node_modules), NODE_OPTIONS (jest's --experimental-vm-modules) and the
 * package/lifecycle variables `npm test` sets for this repository.
 */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key === 'NODE_PATH' || key === 'NODE_OPTIONS' || key === 'INIT_CWD') continue;
    if (/^npm_(package|lifecycle)_/i.test(key) || /^npm_config_(local_)?prefix$/i.test(key)) continue;
    env[key] = value;
  }
  return env;
}

/** Runs a command to its end; rejects with its output when it exits non-zero. */
function run(file: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd, env: childEnv(), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`${file} ${args.join(' ')} failed in ${cwd}: ${error.message}\n${stdout}\n${stderr}`));
      } else {
        resolve(stdout);
      }
    });
  });
}

/** Every `@nestjs/core` directory in a node_modules tree, nested copies included. */
async function findPackageCopies(nodeModules: string, name: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    if (existsSync(join(dir, name, 'package.json'))) found.push(join(dir, name));
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === '.bin') continue;
      const packageDirs = entry.name.startsWith('@')
        ? (await readdir(join(dir, entry.name), { withFileTypes: true })).filter(e => e.isDirectory()).map(e => join(dir, entry.name, e.name))
        : [join(dir, entry.name)];
      for (const packageDir of packageDirs) {
        const nested = join(packageDir, 'node_modules');
        if (existsSync(nested)) await walk(nested);
      }
    }
  };
  await walk(nodeModules);
  return found;
}

/** The application a user writes: one provider with one function, on the adapter named in argv. */
const APP_SOURCE = `import 'reflect-metadata';
import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { RpcFunction, WeeRpcModule } from 'nestjs-weerpc';
import type { AddressInfo } from 'node:net';

@Injectable()
class MathService {
  @RpcFunction('add_numbers')
  add(data: number[]): number {
    return data.reduce((sum, item) => sum + item, 0);
  }
}

@Module({ imports: [WeeRpcModule.forRoot()], providers: [MathService] })
class AppModule {}

const app: INestApplication =
  process.argv[2] === 'fastify'
    ? await NestFactory.create(AppModule, new FastifyAdapter(), { logger: ['error'] })
    : await NestFactory.create(AppModule, { logger: ['error'] });
await app.listen(0, '127.0.0.1');
const { port } = app.getHttpServer().address() as AddressInfo;
console.log(JSON.stringify({ port, resolved: import.meta.resolve('nestjs-weerpc') }));
process.on('SIGTERM', () => void app.close());
`;

/** Plain JS, as a browser bundle or a script would use the client entry point. */
const CLIENT_CHECK_SOURCE = `const client = await import('nestjs-weerpc/client');
console.log(JSON.stringify({
  resolved: import.meta.resolve('nestjs-weerpc/client'),
  exports: Object.keys(client).sort(),
  body: client.weerpc('add_numbers', [1, 2, 3]),
}));
`;

const APP_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    skipLibCheck: true,
    types: ['node'],
    rootDir: 'src',
    outDir: 'dist',
  },
  include: ['src'],
};

interface StartedApp {
  port: number;
  resolved: string;
  stop: () => Promise<number | null>;
}

/** Starts the compiled app with node and waits for the line that names its port. */
function startApp(appDir: string, adapter: string): Promise<StartedApp> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(appDir, 'dist', 'main.js'), adapter], { cwd: appDir, env: childEnv() });
    let stdout = '';
    let stderr = '';
    const exited = new Promise<number | null>(done => child.once('exit', code => done(code)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the app on ${adapter} did not start in 30 s:\n${stdout}\n${stderr}`));
    }, 30_000);
    child.stderr.on('data', chunk => (stderr += chunk));
    child.stdout.on('data', chunk => {
      stdout += chunk;
      const line = stdout.split('\n').find(l => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      const { port, resolved } = JSON.parse(line);
      resolve({
        port,
        resolved,
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
      });
    });
    void exited.then(code => {
      clearTimeout(timer);
      reject(new Error(`the app on ${adapter} exited with ${code} before listening:\n${stdout}\n${stderr}`));
    });
  });
}

describe('the npm package, installed from its tarball into a fresh Nest 12 app', () => {
  let workDir: string;
  let appDir: string;
  let packedFiles: string[];

  beforeAll(async () => {
    if (!existsSync(join(REPOSITORY_ROOT, 'dist', 'index.js'))) {
      throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
    }
    workDir = await realpath(await mkdtemp(join(tmpdir(), 'weerpc-package-')));
    appDir = join(workDir, 'app');
    await mkdir(join(appDir, 'src'), { recursive: true });

    // --ignore-scripts: pack the dist/ that `npm test` has just built instead of building it again.
    const [packed] = JSON.parse(await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', workDir], REPOSITORY_ROOT)) as {
      filename: string;
      files: { path: string }[];
    }[];
    packedFiles = packed.files.map(file => file.path).sort();

    const dependencies: Record<string, string> = { 'nestjs-weerpc': `file:${join(workDir, packed.filename)}` };
    for (const name of APP_DEPENDENCIES) dependencies[name] = installedVersion(name);
    await writeFile(
      join(appDir, 'package.json'),
      JSON.stringify({ name: 'weerpc-package-app', private: true, type: 'module', dependencies }, null, 2),
    );
    await writeFile(join(appDir, 'tsconfig.json'), JSON.stringify(APP_TSCONFIG, null, 2));
    await writeFile(join(appDir, 'src', 'main.ts'), APP_SOURCE);
    await writeFile(join(appDir, 'client-check.mjs'), CLIENT_CHECK_SOURCE);

    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock'], appDir);
    // This repository's TypeScript compiler, but every import resolved in the app's node_modules.
    await run(process.execPath, [TSC, '-p', join(appDir, 'tsconfig.json')], appDir);
  }, 300_000);

  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('packs dist/, package.json, README.md and LICENSE, and nothing of lib/, sample/, test/ or bench/', () => {
    expect(packedFiles).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'LICENSE',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/client/index.js',
        'dist/client/index.d.ts',
      ]),
    );
    // Source maps would point at lib/, which is not shipped.
    expect(packedFiles.filter(file => file.endsWith('.map'))).toEqual([]);
    expect(packedFiles.filter(file => !file.startsWith('dist/') && file !== 'package.json' && file !== 'README.md' && file !== 'LICENSE')).toEqual(
      [],
    );
  });

  it("declares Nest, reflect-metadata and rxjs as peers, the opt-in surfaces' packages as optional ones, and depends on nothing else", () => {
    const installed = JSON.parse(readFileSync(join(appDir, 'node_modules', 'nestjs-weerpc', 'package.json'), 'utf8'));
    expect(installed.dependencies ?? {}).toEqual({});
    const optional = Object.keys(installed.peerDependenciesMeta ?? {}).filter(name => installed.peerDependenciesMeta[name].optional === true);
    const required = Object.keys(installed.peerDependencies).filter(name => !optional.includes(name));
    expect(required.sort()).toEqual(['@nestjs/common', '@nestjs/core', 'reflect-metadata', 'rxjs']);
    // Only for the opt-in surfaces, loaded only when used: telemetry (docs/telemetry.md), OpenRPC
    // schemas (docs/openrpc.md), the ws option (WebSocket), nestjs-weerpc/microservices, nestjs-weerpc/terminus,
    // the mcp option (docs/mcp.md) and the events module's redis option (docs/events.md).
    // npm does not install optional peers, and the app this spec runs serves calls without them.
    expect(optional.sort()).toEqual([
      '@modelcontextprotocol/sdk',
      '@nestjs/microservices',
      '@nestjs/terminus',
      '@opentelemetry/api',
      'class-validator-jsonschema',
      'ioredis',
      'ws',
    ]);
    expect(existsSync(join(appDir, 'node_modules', '@opentelemetry', 'api'))).toBe(false);
    expect(existsSync(join(appDir, 'node_modules', 'class-validator-jsonschema'))).toBe(false);
  });

  it("leaves one copy of @nestjs/core, the app's own, and nothing nested under nestjs-weerpc", async () => {
    const nodeModules = join(appDir, 'node_modules');
    expect((await findPackageCopies(nodeModules, '@nestjs/core')).map(dir => relative(appDir, dir))).toEqual(['node_modules/@nestjs/core']);
    expect(existsSync(join(nodeModules, 'nestjs-weerpc', 'node_modules'))).toBe(false);
    // A copy extracted from the tarball, not a link back into this repository.
    expect(await realpath(join(nodeModules, 'nestjs-weerpc'))).toBe(join(nodeModules, 'nestjs-weerpc'));
  });

  it("resolves nestjs-weerpc/client from the app's node_modules in plain JS", async () => {
    const result = JSON.parse(await run(process.execPath, [join(appDir, 'client-check.mjs')], appDir));
    expect(fileURLToPath(result.resolved)).toBe(join(appDir, 'node_modules', 'nestjs-weerpc', 'dist', 'client', 'index.js'));
    expect(result.exports).toEqual(expect.arrayContaining(['RpcRequest', 'createWeeRpcClient', 'weerpc']));
    expect(JSON.parse(result.body)).toEqual({ weerpc: 1.1, function: 'add_numbers', data: [1, 2, 3] });
  });

  it.each(['express', 'fastify'])('answers add_numbers on %s', async adapter => {
    const app = await startApp(appDir, adapter);
    try {
      expect(fileURLToPath(app.resolved)).toBe(join(appDir, 'node_modules', 'nestjs-weerpc', 'dist', 'index.js'));
      const res = await fetch(`http://127.0.0.1:${app.port}/rpc`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"weerpc":1.1,"function":"add_numbers","data":[1,2,3]}',
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(expect.objectContaining({ weerpc: 1.1, ok: true, data: 6 }));
    } finally {
      expect(await app.stop()).toBe(0);
    }
  });
});
