import { IsString, Length } from 'class-validator';
import type { NewClientData } from '../../api.js';
import { Trim } from '../../trim.transform.js';

/** The data of `create`. */
export class CreateClientDto implements NewClientData {
  @Trim()
  @IsString()
  @Length(1, 50)
  name!: string;
}
