import { IsInt, Min } from 'class-validator';
import type { ClientIdData } from '../../api.js';

/** The data of `read` and `delete`. */
export class ClientIdDto implements ClientIdData {
  @IsInt()
  @Min(1)
  client_id!: number;
}
