/* author.c - the default author of a new update (author.h). */
#include "config.h"

#include "artrack/author.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* git's user.name, trimmed, or "" (no git, not set, or it failed). */
static void git_user_name(struct ar_buf *out)
{
	FILE *p = popen("git config --get user.name 2>/dev/null </dev/null", "r");
	if (!p)
		return;
	char line[256] = "";
	if (!fgets(line, sizeof line, p))
		line[0] = '\0';
	int status = pclose(p);
	if (status != 0)
		return;
	size_t n = strcspn(line, "\r\n");
	while (n && (line[n - 1] == ' ' || line[n - 1] == '\t'))
		n--;
	ar_buf_add(out, line, n);
}

void ar_default_author(struct ar_buf *out)
{
	size_t start = out->len;
	ar_buf_adds(out, "");
	const char *name = getenv("ARTRACK_NAME");
	if (name && *name) {
		ar_buf_adds(out, name);
		return;
	}
	git_user_name(out);
	if (out->len > start)
		return;
	const struct passwd *pw = getpwuid(getuid());
	if (!pw)
		return;
	const char *gecos = pw->pw_gecos ? pw->pw_gecos : "";
	size_t n = strcspn(gecos, ",");
	if (n)
		ar_buf_add(out, gecos, n);
	else if (pw->pw_name)
		ar_buf_adds(out, pw->pw_name);
}
