import { Fragment } from 'react';
import { describeArgv } from '../../shared/terminal/argv';

/**
 * A command line as a shell reads it back, broken only between its arguments: each is an inline block (`.argv-word`)
 * that breaks inside itself only when longer than its box. At 1024 px a step's box read "deploy apply rt-media-gateway
 * 4.13.0 --" over "region S01", a flag split at its hyphens. The text is describeArgv's, so what is copied runs what ran.
 */
export function ArgvWords({ argv }: { argv: readonly string[] }) {
  return argv.map((arg, i) => (
    <Fragment key={i}>
      {i > 0 && ' '}
      <span className="argv-word">{describeArgv([arg])}</span>
    </Fragment>
  ));
}
