/** What the page and its lane worker (lane-worker.ts) say to each other. A lane is named by a number the page gives it. */
export type LaneCommand = { open: number; url: string } | { close: number };
export type LaneReport = { frame: ArrayBuffer; lane: number } | { closed: number };
