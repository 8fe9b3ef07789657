import { existsSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import type { Client } from '../../sample/api.js';
import { DATABASE_FILE } from '../../sample/sample.config.js';
import { startSample, tempDataDir, type RunningSample } from './sample-app.fixture.js';
import { ADAPTERS, call, failure } from '../support/create-app.js';

const ISO_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

async function loggedInAgent(url: string) {
  const agent = request.agent(url);
  const login = await agent.post('/rpc/auth/login').send(call('login', { username: 'tester' }));
  expect(login.body.ok).toBe(true);
  return agent;
}

describe.each(ADAPTERS)('sample on %s: /rpc/clients over a temporary SQLite file', adapter => {
  let sample: RunningSample;
  let agent: ReturnType<typeof request.agent>;
  const clients = (fn: string, data?: unknown) =>
    agent
      .post('/rpc/clients')
      .send(call(fn, data))
      .then(res => res.body);

  beforeAll(async () => {
    // A folder that does not exist yet: the app creates it and the SQLite file in it.
    sample = await startSample(join(tempDataDir(), 'nested', 'data'), { adapter });
    agent = await loggedInAgent(sample.url);
  });
  afterAll(() => sample.close());

  it('creates the SQLite file in DATA_DIR', () => {
    expect(existsSync(join(sample.dataDir, DATABASE_FILE))).toBe(true);
  });

  it('refuses every function without a login', async () => {
    for (const fn of ['create', 'read', 'update', 'delete', 'list']) {
      const res = await request(sample.url)
        .post('/rpc/clients')
        .send(call(fn, { client_id: 1, name: 'x' }));
      expect(res.body).toEqual(failure('Unauthorized.'));
    }
  });

  it('goes through create, read, update, list and delete', async () => {
    const created = await clients('create', { name: '  Acme Ltd  ' });
    expect(created).toMatchObject({ weerpc: 1.1, ok: true, message: expect.stringMatching(/^Client \d+ created\.$/) });
    const acme = created.data as Client;
    // Trimmed by the DTO's @Transform: proof that the handler got a class-transformer instance.
    expect(acme).toEqual({
      client_id: expect.any(Number),
      name: 'Acme Ltd',
      created_at: expect.stringMatching(ISO_DATE),
      updated_at: acme.created_at,
    });
    const globex = (await clients('create', { name: 'Globex' })).data as Client;
    expect(globex.client_id).toBeGreaterThan(acme.client_id);

    expect(await clients('read', { client_id: acme.client_id })).toEqual({ weerpc: 1.1, ok: true, message: null, data: acme });

    const updated = await clients('update', { client_id: acme.client_id, name: 'Acme Corporation' });
    expect(updated.message).toBe(`Client ${acme.client_id} updated.`);
    expect(updated.data).toEqual({ ...acme, name: 'Acme Corporation', updated_at: expect.stringMatching(ISO_DATE) });
    expect(updated.data.updated_at >= acme.updated_at).toBe(true);

    const listed = await clients('list');
    expect(listed.message).toBe('2 client(s).');
    expect(listed.data).toEqual([updated.data, globex]);

    const deleted = await clients('delete', { client_id: globex.client_id });
    expect(deleted).toEqual({ weerpc: 1.1, ok: true, message: `Client ${globex.client_id} deleted.`, data: globex });
    expect(await clients('read', { client_id: globex.client_id })).toEqual(failure(`Client ${globex.client_id} not found`));
    expect((await clients('list')).data).toEqual([updated.data]);
  });

  it('answers "Client N not found" for read, update and delete of a missing id', async () => {
    expect(await clients('read', { client_id: 9999 })).toEqual(failure('Client 9999 not found'));
    expect(await clients('update', { client_id: 9999, name: 'x' })).toEqual(failure('Client 9999 not found'));
    expect(await clients('delete', { client_id: 9999 })).toEqual(failure('Client 9999 not found'));
  });

  it('answers Invalid data. with the constraint messages', async () => {
    expect(await clients('create', { name: '   ' })).toEqual(failure('Invalid data.', ['name must be longer than or equal to 1 characters']));
    expect(await clients('create', { name: 'x'.repeat(51) })).toEqual(
      failure('Invalid data.', ['name must be shorter than or equal to 50 characters']),
    );
    expect(await clients('create', { name: 'Initech', client_id: 5 })).toEqual(failure('Invalid data.', ['property client_id should not exist']));
    expect(await clients('read', { client_id: '1' })).toEqual(
      failure('Invalid data.', ['client_id must not be less than 1', 'client_id must be an integer number']),
    );
    expect(await clients('update', { client_id: 1.5 })).toEqual(
      failure('Invalid data.', expect.arrayContaining(['client_id must be an integer number', 'name must be a string'])),
    );
    for (const data of [null, 'Initech', 42, [{ name: 'Initech' }]]) {
      const answer = await clients('create', data);
      expect(answer).toMatchObject({ ok: false, message: 'Invalid data.' });
      expect(answer.data).toEqual(expect.arrayContaining(['name must be a string']));
    }
    // None of the refused calls wrote a row.
    expect((await clients('list')).data.map((client: Client) => client.name)).not.toContain('Initech');
  });
});

describe.each(ADAPTERS)('sample on %s: the SQLite file outlives the app', adapter => {
  it('lists after a restart on the same DATA_DIR what was created before it', async () => {
    const first = await startSample(undefined, { adapter });
    const agent = await loggedInAgent(first.url);
    const created = await agent.post('/rpc/clients').send(call('create', { name: 'Persistent Ltd' }));
    await first.close({ keepData: true });

    const second = await startSample(first.dataDir, { adapter });
    try {
      const again = await loggedInAgent(second.url);
      const listed = await again.post('/rpc/clients').send(call('list'));
      expect(listed.body.data).toEqual([created.body.data]);
    } finally {
      await second.close();
    }
  });
});
