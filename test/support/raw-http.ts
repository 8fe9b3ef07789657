import type { INestApplication } from '@nestjs/common';
import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => unknown;
}

/** The base URL of a listening app. */
export function baseUrl(app: INestApplication): string {
  const { port } = app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/**
 * Sends exactly the given bytes and headers (no serialization, no default headers beyond Node's),
 * for bodies and headers that supertest would rewrite.
 */
export function rawPost(
  app: INestApplication,
  path: string,
  body: Buffer | string,
  headers: OutgoingHttpHeaders = {},
  options: { setHost?: boolean } = {},
): Promise<RawAnswer> {
  const { port } = app.getHttpServer().address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers, setHost: options.setHost ?? true }, res => {
      const chunks: Buffer[] = [];
      res.on('data', chunk => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
