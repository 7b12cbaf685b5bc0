#!/usr/bin/env node
/** The `hotpath` command. Subcommands arrive with the console and demo. */
process.stderr.write('usage: hotpath <console|demo>\n');
process.exitCode = 2;
