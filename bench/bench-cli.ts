/**
 * Runs a benchmark's entry point: `--help` prints its usage, bad options exit 2 with their
 * message, a failed run exits 1 with its error.
 */
export function runBenchCli<Options>(usage: string, parse: (args: string[]) => Options, main: (options: Options) => Promise<void>): void {
  if (process.argv.includes('--help')) {
    console.log(usage);
    process.exit(0);
  }
  let options: Options;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  main(options).catch(error => {
    console.error(error);
    process.exit(1);
  });
}
