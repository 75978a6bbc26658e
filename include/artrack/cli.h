/* cli.h - the command line of spec section 3.
 *
 * ar_cli_main() is the whole program minus the terminal UI: it parses the
 * arguments, runs a command or hands over to ar_ui_run(), prints what the
 * commands print and returns the exit status (0 success, 1 the data is at
 * fault, 2 the command line is at fault).  It is the only core-side place
 * that prints; the modules under it return values.
 */
#ifndef ARTRACK_CLI_H
#define ARTRACK_CLI_H

/* Run artrack with these arguments; returns the process exit status. */
int ar_cli_main(int argc, char **argv);

#endif
