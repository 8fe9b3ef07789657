import { IsBoolean, IsString } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

/** What `session` and `login` show of the session (never the cookie): a result schema. */
export class SessionView {
  @IsBoolean()
  logged_in!: boolean;

  /** `null` until logged in. */
  @IsString()
  @JSONSchema({ type: ['string', 'null'] })
  username!: string | null;
}
