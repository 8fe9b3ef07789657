import { IsString, Length } from 'class-validator';
import { Trim } from '../../trim.transform.js';

/** The data of `create`. */
export class CreateClientDto {
  @Trim()
  @IsString()
  @Length(1, 50)
  name!: string;
}
