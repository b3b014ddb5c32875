// Entry point of the `revrec` command (bin/revrec.js loads this through tsx).
import { nodeIo, run } from "./run";

process.exitCode = run(process.argv.slice(2), nodeIo);
