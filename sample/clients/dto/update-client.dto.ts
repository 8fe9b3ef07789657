import { IsString, Length } from 'class-validator';
import { Trim } from '../../trim.transform.js';
import { ClientIdDto } from './client-id.dto.js';

/** The data of `update`: which client (the id's rules are inherited) and its new name. */
export class UpdateClientDto extends ClientIdDto {
  @Trim()
  @IsString()
  @Length(1, 50)
  name!: string;
}
