import type { Point } from '../../shared/metrics/series';

/**
 * Hours of history per region × metric, bounded: each series keeps at most `maxPoints`, oldest dropped
 * first, so a console left open over a weekend holds the same memory as one opened a minute ago.
 */
export class SeriesHistory {
  private readonly points: Point[] = [];

  constructor(private readonly maxPoints: number) {}

  /** Adds or replaces points by time (CloudWatch revises its newest period); `incoming` may be unsorted. */
  merge(incoming: readonly Point[]): void {
    for (const point of [...incoming].sort((a, b) => a.t - b.t)) {
      const last = this.points[this.points.length - 1];
      if (last === undefined || point.t > last.t) {
        this.points.push(point);
        continue;
      }
      const index = this.indexAtOrAfter(point.t);
      if (this.points[index]?.t === point.t) this.points[index] = point;
      else this.points.splice(index, 0, point);
    }
    if (this.points.length > this.maxPoints) this.points.splice(0, this.points.length - this.maxPoints);
  }

  all(): readonly Point[] {
    return this.points;
  }

  since(startMs: number): Point[] {
    return this.points.slice(this.indexAtOrAfter(startMs));
  }

  private indexAtOrAfter(t: number): number {
    let low = 0;
    let high = this.points.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.points[middle]?.t ?? Infinity) < t) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
