// Entry point of the `revrec` command (bin/revrec.js loads this through tsx).
import { handleOutputErrors, nodeIo, run } from "./run";

handleOutputErrors();
process.exitCode = run(process.argv.slice(2), nodeIo);
