import type { CommandIo } from './serve/serve-command';

const USAGE = `usage: release-console <command> [options]

commands:
  serve   [--port N] [--workspace DIR] [--data-dir DIR] [--rehearsal-at ISO8601 | --live] [--today ISO8601]
          browser mode on 127.0.0.1 (prints the URL with its token); --rehearsal-at runs a drill on a simulated clock;
          with no --workspace the demo opens as a rehearsal on the coming Thursday's rollout morning (--live: the real clock)
          a rehearsal is kept per start time (rehearsals/<start>/ in the data folder) and resumes where its clock stopped
  check   --region ID --at ISO8601 [...]       may a deployment step run there and then? (see --help)
  store   init --workspace DIR                  creates the team's shared DynamoDB table (see store --help)
  calendar [--workspace DIR] [--weeks N]        prints the windows and freezes of the coming weeks as .ics (see calendar --help)
  dora    --since DATE [--until DATE] [--workspace DIR] [--data-dir D] [--package P] [--json]
          delivery metrics from the release log, rehearsals excluded (see dora --help)`;

const io: CommandIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    // Loaded on demand: `check` answers pipelines in well under a second without the server's modules.
    case 'serve':
      return (await import('./serve/serve-command')).runServe(rest, io);
    case 'check':
      return (await import('./cli/check')).runCheck(rest, io);
    case 'store':
      return (await import('./cli/store')).runStore(rest, io);
    case 'calendar':
      return (await import('./cli/calendar')).runCalendar(rest, io);
    case 'dora':
      return (await import('./cli/dora')).runDora(rest, io);
    case undefined:
    case '-h':
    case '--help':
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.err(`release-console: unknown command "${command}".\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    // serve has closed everything it knows of: a handle some library left open must not keep it running.
    if (process.argv[2] === 'serve') process.exit(code);
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`release-console: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
