import { Global, Module, type DynamicModule } from '@nestjs/common';
import { SqliteConnection } from './sqlite.connection.js';

/** Opens the sample's SQLite file once and shares the connection with every module. */
@Global()
@Module({})
export class DatabaseModule {
  /** @param file the SQLite file; created on first use, its folder must exist. */
  static forRoot(file: string): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [{ provide: SqliteConnection, useFactory: () => new SqliteConnection(file) }],
      exports: [SqliteConnection],
    };
  }
}
