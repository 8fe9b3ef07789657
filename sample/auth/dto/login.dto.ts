import { IsString, Length, Matches } from 'class-validator';
import type { LoginData } from '../../api.js';

/** The data of `login`. */
export class LoginDto implements LoginData {
  @IsString()
  @Length(1, 32)
  @Matches(/^[\w.-]*$/, { message: 'username may only hold letters, digits, "_", "." and "-"' })
  username!: string;
}
