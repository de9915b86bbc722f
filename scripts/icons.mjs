// `npm run icons`: every packaging target's icon from build/icon.svg, committed under build/ (electron-builder.yml
// names them): PNGs for Linux, icon.icns for macOS, icon.ico for Windows. Run it again after changing the SVG.
import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import png2icons from 'png2icons';

const build = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'build');
const svg = readFileSync(path.join(build, 'icon.svg'));
/** The sizes Linux desktops look up (hicolor theme); 1024 is the master for icns and ico. */
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const render = (size) => new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
mkdirSync(path.join(build, 'icons'), { recursive: true });
for (const size of SIZES) writeFileSync(path.join(build, 'icons', `${size}x${size}.png`), render(size));
const master = render(1024);
writeFileSync(path.join(build, 'icon.png'), master);
// Bicubic resampling for the small sizes; PNG-compressed entries, as current macOS and Windows expect.
writeFileSync(path.join(build, 'icon.icns'), png2icons.createICNS(master, png2icons.BICUBIC, 0));
writeFileSync(path.join(build, 'icon.ico'), png2icons.createICO(master, png2icons.BICUBIC, 0, false, true));
console.log(`icons written to ${build}`);
