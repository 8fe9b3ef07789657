import { createServer, type Server } from 'node:http';
import { answerByHand, isJsonContentType } from './add-numbers.exchange.js';

const NOT_JSON = JSON.stringify({ weerpc: 1.1, ok: false, message: 'Request must be JSON.', data: null });

/** The ceiling: node:http with the exchange by hand, no framework at all. */
export function createRawHttpServer(): Server {
  return createServer((request, response) => {
    if (request.method !== 'POST' || request.url !== '/rpc') {
      response.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      let answer = NOT_JSON;
      if (isJsonContentType(request.headers['content-type'])) {
        try {
          answer = JSON.stringify(answerByHand(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
        } catch {
          // not JSON: answered as such
        }
      }
      response.writeHead(200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(answer),
      });
      response.end(answer);
    });
  });
}
