#define _GNU_SOURCE
#include "CPseudoTerminal.h"

#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static void child_fail(const char *what, const char *path) {
    int e = errno;
    /* only async-signal-safe calls between fork and exec */
    (void)!write(2, "cpt_spawn: cannot ", 18);
    (void)!write(2, what, strlen(what));
    (void)!write(2, " ", 1);
    (void)!write(2, path, strlen(path));
    (void)!write(2, ": ", 2);
    const char *message = strerror(e);
    (void)!write(2, message, strlen(message));
    (void)!write(2, "\n", 1);
    _exit(127);
}

pid_t cpt_spawn(const char *path, char *const argv[], char *const envp[], const char *cwd,
                unsigned short rows, unsigned short columns, int *master_fd) {
    struct winsize size;
    memset(&size, 0, sizeof size);
    size.ws_row = rows;
    size.ws_col = columns;
    int master = -1;
    pid_t pid = forkpty(&master, NULL, NULL, &size);
    if (pid < 0) return -1;
    if (pid == 0) {
        sigset_t empty;
        sigemptyset(&empty);
        sigprocmask(SIG_SETMASK, &empty, NULL);
        for (int signo = 1; signo < NSIG; signo++) {
            if (signo == SIGKILL || signo == SIGSTOP) continue;
            signal(signo, SIG_DFL);
        }
#ifdef SYS_close_range
        syscall(SYS_close_range, 3U, ~0U, 0U);
#else
        for (int fd = 3; fd < 1024; fd++) close(fd);
#endif
        if (cwd != NULL && chdir(cwd) != 0) child_fail("chdir to", cwd);
        execve(path, argv, envp);
        child_fail("execute", path);
    }
    int flags = fcntl(master, F_GETFD);
    if (flags >= 0) fcntl(master, F_SETFD, flags | FD_CLOEXEC);
    *master_fd = master;
    return pid;
}

int cpt_set_window_size(int master_fd, unsigned short rows, unsigned short columns) {
    struct winsize size;
    memset(&size, 0, sizeof size);
    size.ws_row = rows;
    size.ws_col = columns;
    return ioctl(master_fd, TIOCSWINSZ, &size);
}
