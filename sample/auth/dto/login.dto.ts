import { IsString, Length, Matches } from 'class-validator';
import type { LoginData } from '../../api.js';
import { Trim } from '../../trim.transform.js';

/** The data of `login`. */
export class LoginDto implements LoginData {
  @Trim()
  @IsString()
  @Length(1, 32)
  @Matches(/^[\w.-]*$/, { message: 'username may only hold letters, digits, "_", "." and "-"' })
  username!: string;
}
