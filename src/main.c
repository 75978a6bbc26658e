/* main.c - artrack's entry point: hands the command line to the commands. */
#include "config.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("artrack %s\n", PACKAGE_VERSION);
		return 0;
	}
	fprintf(stderr, "artrack: not yet implemented\n");
	return 2;
}
