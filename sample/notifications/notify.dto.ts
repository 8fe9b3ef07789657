import { IsString, Length } from 'class-validator';
import { Trim } from '../trim.transform.js';

/** The data of `notify`: one line of text, trimmed. */
export class NotifyDto {
  @Trim()
  @IsString()
  @Length(1, 200)
  text!: string;
}
