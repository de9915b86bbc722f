// The terminal benches' common start: the real console (`serve`, browser mode) on a data folder of the
// bench's own, Debian's Chromium over a DevTools pipe, the demo's LON region open with a fresh shell in
// the bench's folder, and the in-page half (terminalPage.ts) loaded into the page.
import { build } from 'esbuild';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { ChromiumPage } from './chromiumPipe';

export interface RegionShell {
  /** The `serve` process (its pid is main's, for the CPU breakdowns). */
  child: ChildProcess;
  page: ChromiumPage;
  /** In-page expressions: a button by its label, the LON workspace, and the shell's terminal host. */
  button: (name: string, within?: string) => string;
  workspace: string;
  host: string;
  /** Stops Chromium and the console. */
  close(): Promise<void>;
}

/** The in-page half (terminalPage.ts), bundled as an IIFE to evaluate in a page. */
export async function terminalPageScript(): Promise<string> {
  const bundled = await build({
    entryPoints: [path.join(process.cwd(), 'test', 'bench', 'terminalPage.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'warning',
  });
  return bundled.outputFiles[0]!.text;
}

/** `env` is the console's environment (its shells inherit it); the shell starts in `dataDir`, ready. */
export async function openRegionShell(dataDir: string, env: NodeJS.ProcessEnv): Promise<RegionShell> {
  const root = process.cwd();
  const pageScript = await terminalPageScript();
  const child = spawn(process.execPath, [path.join(root, 'out', 'cli', 'cli.mjs'), 'serve', '--port', '0', '--data-dir', dataDir], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^Release Console: (\S+)$/.exec(line);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });

  const page = await ChromiumPage.open(url, 1440, 900);
  const button = (name: string, within = 'document') =>
    `[...${within}.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent.trim()) === ${JSON.stringify(name)})`;
  const workspace = `document.querySelector('[aria-label="Region LON"]')`;
  const host = `${workspace}.querySelector('.terminal-host')`;
  const connected = `[...document.querySelectorAll('[role=status]')].some((e) => e.textContent.includes('Connected'))`;
  await page.until(connected);
  // The in-page half goes in before the console's own script runs, so it sees every socket and worker the console opens.
  await page.send('Page.enable');
  await page.send('Page.addScriptToEvaluateOnNewDocument', { source: pageScript });
  await page.send('Page.reload');
  await page.until(`!!window.terminalBench && ${connected}`);
  await page.evaluate(`${button('Control pane', "document.querySelector('nav')")}.click()`);
  await page.until(`!!${button('Open LON')}`);
  await page.evaluate(`${button('Open LON')}.click()`);
  await page.until(`!!${workspace} && !!${button('+ Shell', workspace)}`);
  await page.evaluate(`${button('+ Shell', workspace)}.click()`);
  await page.until(`!!${host}?.querySelector('.xterm-rows')`);
  await page.evaluate(`${host}.querySelector('textarea').focus()`);
  await page.type(`cd ${dataDir} && echo "READY_$((6 * 7))"`);
  await page.pressEnter();
  await page.until(`${host}.querySelector('.xterm-rows').textContent.includes('READY_42')`);

  const close = async () => {
    await page.close();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return { child, page, button, workspace, host, close };
}
