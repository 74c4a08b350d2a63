/* git.h: asking git which migrations changed, for --changed-since. */
#ifndef DDLINT_GIT_H
#define DDLINT_GIT_H

#include "ddlint/buf.h"
#include "ddlint/map.h"

/* Adds to CHANGED (keys: real paths; values NULL) every file of the repository holding DIR
 * that differs from revision REV: changed, added or renamed in commits since REV, in the index
 * or in the working tree, and untracked files that are not ignored. Returns 0, or -1 with
 * git's message in ERR. */
int dl_git_changed_files(const char *dir, const char *rev, dl_map *changed, dl_buf *err);

#endif
