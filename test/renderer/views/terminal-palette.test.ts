import { describe, expect, it } from 'vitest';
import { terminalPaletteCommands } from '../../../renderer/views/terminal-palette';

const read = (commands: ReturnType<typeof terminalPaletteCommands>) => commands.map((c) => [c.label, c.disabledReason]);
/** The words an option says (its label and its reason) that it says more than once. */
const repeated = (c: { label: string; disabledReason: string | null }) => {
  const words: string[] = `${c.label} ${c.disabledReason ?? ''}`.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.filter((word, i) => words.indexOf(word) !== i);
};

describe("the command palette's terminal commands", () => {
  it('offers the region on screen a new shell, its terminal, its find bar, its panel and its history, each named with it', () => {
    expect(read(terminalPaletteCommands({ regionId: 'LON', terminals: 2, maximized: false }))).toEqual([
      ['New shell in LON', null],
      ["Focus LON's terminal", null],
      ["Find in LON's terminal", null],
      ["Maximize LON's terminal panel", null],
      ["Open LON's terminal history", null],
    ]);
  });

  it('restores a maximized panel', () => {
    const toggle = terminalPaletteCommands({ regionId: 'LON', terminals: 1, maximized: true }).find((c) => c.action === 'maximize');
    expect(toggle?.label).toBe("Restore LON's terminal panel");
  });

  it('refuses focus and find in a region with no terminal at this desk, and says how to get one', () => {
    const reason = 'None open yet at this desk: “New shell” here starts one.';
    expect(read(terminalPaletteCommands({ regionId: 'S01', terminals: 0, maximized: false }))).toEqual([
      ['New shell in S01', null],
      ["Focus S01's terminal", reason],
      ["Find in S01's terminal", reason],
      ["Maximize S01's terminal panel", null],
      ["Open S01's terminal history", null],
    ]);
  });

  it('lists every one with no region open, each refused with the way to a region', () => {
    const commands = terminalPaletteCommands({ regionId: null, terminals: 0, maximized: false });
    expect(commands.map((c) => c.label)).toEqual(['New shell', 'Focus the terminal', 'Find in the terminal', 'Maximize the terminal panel', 'Open the terminal history']);
    for (const command of commands) expect(command.disabledReason).toBe('Needs a region on screen: choose one with “Go to Control pane” or by name.');
  });

  it('says no word twice in any option, its reason included', () => {
    for (const context of [{ regionId: null, terminals: 0 }, { regionId: 'S01', terminals: 0 }, { regionId: 'LON', terminals: 1 }]) {
      for (const maximized of [false, true]) {
        for (const command of terminalPaletteCommands({ ...context, maximized })) expect(repeated(command), command.label).toEqual([]);
      }
    }
  });
});
