/**
 * mulberry32: a small seeded generator for tests that try many random inputs (fuzzing, kill points).
 * Every run may use a new seed; a failure prints it, and the same seed replays the same run. It is the
 * simulator's own generator, so the tests and the demo draw from one implementation.
 */
export { seededRandom } from '../main/metrics/simulated/noise';
