#ifndef CPSEUDOTERMINAL_H
#define CPSEUDOTERMINAL_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Starts `path` with `argv` and `envp` (both NULL-terminated) in a new
 * session on a new pseudo-terminal of `rows` x `columns`, in directory `cwd`
 * (NULL: the current one). The child's signal mask is emptied and its signal
 * dispositions reset to default; file descriptors above 2 are closed.
 *
 * Returns the child's pid and stores the master side's fd (close-on-exec) in
 * *master_fd; returns -1 with errno set on failure. If the child cannot
 * chdir or exec, it writes a message to the terminal and exits with 127.
 */
pid_t cpt_spawn(const char *path, char *const argv[], char *const envp[], const char *cwd,
                unsigned short rows, unsigned short columns, int *master_fd);

/* Sets the window size of the terminal behind master_fd (the child gets SIGWINCH). 0 or -1. */
int cpt_set_window_size(int master_fd, unsigned short rows, unsigned short columns);

#ifdef __cplusplus
}
#endif

#endif
