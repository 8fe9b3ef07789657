import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import Database from 'better-sqlite3';

/** One better-sqlite3 connection for the whole app, closed when the app closes. */
@Injectable()
export class SqliteConnection implements OnApplicationShutdown {
  readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
    // WAL lets readers and the one writer work side by side; the usual choice for a server.
    this.db.pragma('journal_mode = WAL');
  }

  onApplicationShutdown(): void {
    this.db.close();
  }
}
