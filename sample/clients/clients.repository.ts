import { Injectable } from '@nestjs/common';
import type { Statement } from 'better-sqlite3';
import type { Client } from './dto/client.dto.js';
import { SqliteConnection } from '../database/sqlite.connection.js';

/** The `clients` table, through statements prepared once. */
@Injectable()
export class ClientsRepository {
  private readonly insertOne: Statement<[string, string, string], Client>;
  private readonly selectOne: Statement<[number], Client>;
  private readonly updateOne: Statement<[string, string, number], Client>;
  private readonly deleteOne: Statement<[number], Client>;
  private readonly selectAll: Statement<[], Client>;

  constructor({ db }: SqliteConnection) {
    db.exec(`CREATE TABLE IF NOT EXISTS clients (
      client_id  INTEGER PRIMARY KEY AUTOINCREMENT,
      name       TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`);
    this.insertOne = db.prepare('INSERT INTO clients (name, created_at, updated_at) VALUES (?, ?, ?) RETURNING *');
    this.selectOne = db.prepare('SELECT * FROM clients WHERE client_id = ?');
    this.updateOne = db.prepare('UPDATE clients SET name = ?, updated_at = ? WHERE client_id = ? RETURNING *');
    this.deleteOne = db.prepare('DELETE FROM clients WHERE client_id = ? RETURNING *');
    this.selectAll = db.prepare('SELECT * FROM clients ORDER BY client_id');
  }

  create(name: string): Client {
    const now = new Date().toISOString();
    return this.insertOne.get(name, now, now)!;
  }

  find(clientId: number): Client | undefined {
    return this.selectOne.get(clientId);
  }

  /** The renamed client, or `undefined` when there is none with that id. */
  rename(clientId: number, name: string): Client | undefined {
    return this.updateOne.get(name, new Date().toISOString(), clientId);
  }

  /** The deleted client, or `undefined` when there was none with that id. */
  delete(clientId: number): Client | undefined {
    return this.deleteOne.get(clientId);
  }

  list(): Client[] {
    return this.selectAll.all();
  }
}
