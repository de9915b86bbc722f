import { Fragment } from 'react';
import { describeArgv } from '../../shared/terminal/argv';

/**
 * Words a line may break between but never inside: each in its own span (`className` keeps it whole), the space
 * between two of them outside both, where the line may break. A command's arguments, a transcript's command, a gate
 * deadline's parts.
 */
export function WholeWords({ words, className }: { words: readonly string[]; className: string }) {
  return words.map((word, i) => (
    <Fragment key={i}>
      {i > 0 && ' '}
      <span className={className}>{word}</span>
    </Fragment>
  ));
}

/**
 * A command line as a shell reads it back, broken only between its arguments: each is an inline block (`.argv-word`)
 * that breaks inside itself only when longer than its box. At 1024 px a step's box read "deploy apply rt-media-gateway
 * 4.13.0 --" over "region S01", a flag split at its hyphens. The text is describeArgv's, so what is copied runs what ran.
 */
export function ArgvWords({ argv }: { argv: readonly string[] }) {
  return <WholeWords words={argv.map((arg) => describeArgv([arg]))} className="argv-word" />;
}
