import { IsString, Length } from 'class-validator';
import type { NewClientData } from '../../api.js';

/** The data of `create`. */
export class CreateClientDto implements NewClientData {
  @IsString()
  @Length(1, 50)
  name!: string;
}
