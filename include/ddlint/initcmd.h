/* initcmd.h: `ddlint init`. */
#ifndef DDLINT_INITCMD_H
#define DDLINT_INITCMD_H

/* `ddlint init [--tool NAME] [--migrations DIR]...` with ARGV[0] "init": writes a starter
 * .ddlint.yaml in the working directory for the migration sets found below it; never
 * overwrites one. Returns the exit status. */
int dl_init_main(int argc, char **argv);

#endif
