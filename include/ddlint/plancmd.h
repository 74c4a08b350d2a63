/* plancmd.h: the `ddlint plan` command (docs/plans.md). */
#ifndef DDLINT_PLANCMD_H
#define DDLINT_PLANCMD_H

/* Runs `ddlint plan` with ARGV[1..] its arguments (ARGV[0] is "plan"). Returns the exit
 * status: 0 done, 2 usage, I/O error, or a change that cannot be planned. */
int dl_plan_main(int argc, char **argv);

#endif
