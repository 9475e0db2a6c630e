export { buildProgram, main } from './main.js';
export { CliError } from './cli-error.js';
