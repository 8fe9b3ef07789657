import { BootstrapMessages } from '../weerpc.messages.js';

/** What the table needs of an entry: its public name and where it comes from (`Class#method`). */
interface TableEntry {
  readonly name: string;
  readonly place: string;
}

/**
 * The dispatch table of one endpoint: a `Map`, so names inherited from `Object.prototype`
 * are never found; a second function under a taken name fails the bootstrap.
 */
export class RpcFunctionTable<Entry extends TableEntry> {
  private readonly table = new Map<string, Entry>();

  constructor(private readonly endpointPath: string) {}

  add(entry: Entry): void {
    if (!isValidFunctionName(entry.name)) {
      throw new Error(BootstrapMessages.invalidFunctionName(entry.place));
    }
    if (entry.name.startsWith(RESERVED_PREFIX)) {
      throw new Error(BootstrapMessages.reservedFunctionName(entry.name, entry.place));
    }
    const taken = this.table.get(entry.name);
    if (taken) {
      throw new Error(BootstrapMessages.duplicateFunction(entry.name, this.endpointPath, taken.place, entry.place));
    }
    this.table.set(entry.name, entry);
  }

  get functions(): ReadonlyMap<string, Entry> {
    return this.table;
  }
}

/** JSON-RPC 2.0 reserves method names that begin with `rpc.` for the protocol itself. */
const RESERVED_PREFIX = 'rpc.';

/** Non-empty, and not a name every JavaScript object answers to. */
function isValidFunctionName(name: unknown): name is string {
  return typeof name === 'string' && name.length > 0 && !(name in Object.prototype);
}
