/**
 * Prints docs/cli.md from the commands' declaration: `node dist/scripts/cli-docs.js > docs/cli.md`.
 * src/cli/commands.test.ts fails when the file and the declaration differ.
 */
import { markdown } from '../src/cli/help.js';

process.stdout.write(markdown());
