#!/usr/bin/env node
'use strict';
// The package's command. It runs the bundled CLI that `npm ci` builds (the `prepare` script), so it
// starts in well under a second and needs no Electron.
const path = require('node:path');
const { existsSync } = require('node:fs');
const { pathToFileURL } = require('node:url');

const cli = path.join(__dirname, '..', 'out', 'cli', 'cli.mjs');
if (!existsSync(cli)) {
  process.stderr.write(`release-console: ${cli} is missing; run \`npm run build\` in ${path.dirname(__dirname)}.\n`);
  process.exit(2);
}
import(pathToFileURL(cli).href);
