import { IsString, Length, Matches } from 'class-validator';
import { Trim } from '../../trim.transform.js';

/** The data of `login`. */
export class LoginDto {
  @Trim()
  @IsString()
  @Length(1, 32)
  @Matches(/^[\w.-]*$/, { message: 'username may only hold letters, digits, "_", "." and "-"' })
  username!: string;
}
