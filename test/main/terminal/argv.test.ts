import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TerminalRefusal } from '../../../main/terminal/service';
import { createTestService } from './fixture';

const HOSTILE = [
  'a;rm -rf ~',
  '$(id)',
  '`id`',
  'line one\nline two',
  '-rf',
  '--region=EUW2 --force',
  "it's \"quoted\"",
  '> /tmp/x | cat &',
  'Zürich 東京 🚀 \u202eevil',
  '\x1b]0;pwned\x07',
  '*',
  '',
];

describe('command arguments', () => {
  let fixture: ReturnType<typeof createTestService>;
  let printArgv: string;

  beforeEach(() => {
    fixture = createTestService();
    // Prints its argv as one line of ASCII JSON, so nothing the terminal does to text can blur the comparison.
    printArgv = path.join(fixture.dataDir, 'print-argv');
    writeFileSync(
      printArgv,
      '#!/usr/bin/env node\nprocess.stdout.write("ARGV=" + JSON.stringify(process.argv.slice(2)).replace(/[\\u007f-\\uffff]/g, (c) => "\\\\u" + c.charCodeAt(0).toString(16).padStart(4, "0")) + "\\n");\n',
    );
    chmodSync(printArgv, 0o755);
  });
  afterEach(async () => fixture.dispose());

  function argvFrom(output: string): unknown {
    const line = output.split('\n').find((l) => l.startsWith('ARGV='));
    return JSON.parse(line?.slice('ARGV='.length) ?? 'null');
  }

  it('passes each hostile value to the program as exactly one argument', async () => {
    const result = await fixture.service.runCommand(null, [printArgv, ...HOSTILE], { commandId: 'print-argv' });
    expect(result.exitCode).toBe(0);
    expect(argvFrom(result.output)).toEqual(HOSTILE);
  });

  it('never lets a value reach a shell, so command substitution and separators do nothing', async () => {
    const marker = path.join(fixture.dataDir, 'pwned');
    const values = [`$(touch ${marker})`, `\`touch ${marker}\``, `x; touch ${marker}`, `x\ntouch ${marker}`, `x && touch ${marker}`];
    const result = await fixture.service.runCommand(null, [printArgv, ...values], { commandId: 'print-argv' });
    expect(argvFrom(result.output)).toEqual(values);
    expect(existsSync(marker)).toBe(false);
  });

  it('treats a hostile program name as a file name that is not found, exit 127, without a shell', async () => {
    const marker = path.join(fixture.dataDir, 'pwned');
    const result = await fixture.service.runCommand(null, [`true; touch ${marker}`], { commandId: 'hostile-program' });
    expect(result.exitCode).toBe(127);
    expect(result.output).toContain('not found on PATH');
    expect(existsSync(marker)).toBe(false);
  });

  it('refuses an argument with a NUL character, which no program could receive intact', async () => {
    await expect(fixture.service.runCommand(null, [printArgv, 'a\0b'], { commandId: 'nul' })).rejects.toBeInstanceOf(TerminalRefusal);
    await expect(fixture.service.runCommand(null, [], { commandId: 'empty' })).rejects.toThrow(/program name/);
  });

  it('shows the command line in the terminal with control characters escaped, never as live escape sequences', async () => {
    let sessionId = '';
    await fixture.service.runCommand(null, [printArgv, '\x1b]0;pwned\x07', 'two\nlines'], {
      commandId: 'banner',
      onStarted: (id) => (sessionId = id),
    });
    const shown = fixture.output.get(sessionId) ?? '';
    const banner = shown.slice(0, shown.indexOf('\r\n'));
    expect(banner).toContain(`"$(printf '\\033]0;pwned\\007')"`);
    expect(banner).toContain(`"$(printf 'two\\nlines')"`);
    expect(banner).not.toContain('\x07');
  });
});
