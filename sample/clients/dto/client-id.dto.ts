import { IsInt, Min } from 'class-validator';

/** The data of `read` and `delete`. */
export class ClientIdDto {
  @IsInt()
  @Min(1)
  client_id!: number;
}
