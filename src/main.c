/* main.c - artrack's entry point (placeholder until src/cli.c joins the build). */
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
