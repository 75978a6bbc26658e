/* main.c - artrack's entry point. */
#include "config.h"

#include "artrack/cli.h"

int main(int argc, char **argv)
{
	return ar_cli_main(argc, argv);
}
