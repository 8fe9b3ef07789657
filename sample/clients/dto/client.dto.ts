import { IsInt, IsString, Min } from 'class-validator';

/** A row of the `clients` table, as the functions answer it: the result schema of the OpenRPC document. */
export class Client {
  @IsInt()
  @Min(1)
  client_id!: number;

  @IsString()
  name!: string;

  /** ISO 8601, UTC. */
  @IsString()
  created_at!: string;

  /** ISO 8601, UTC. */
  @IsString()
  updated_at!: string;
}
