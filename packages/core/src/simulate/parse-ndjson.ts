import type { SimulationInput } from './simulate.js';

/**
 * Splits newline-delimited JSON into simulation inputs. Blank lines are skipped; a line
 * that is not JSON becomes an input the simulation reports as rejected, with its line.
 */
export function parseNdjson(text: string): SimulationInput[] {
  const inputs: SimulationInput[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    try {
      inputs.push({ value: JSON.parse(line) as unknown, line: i + 1 });
    } catch (error) {
      inputs.push({ error: `not valid JSON: ${(error as Error).message}`, line: i + 1 });
    }
  });
  return inputs;
}
