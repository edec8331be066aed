#define _GNU_SOURCE
#include "CLineEditShims.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

/*
 * Events that reach the line being edited while the key reader waits for the terminal: a window
 * resize (SIGWINCH) and a wake-up from another thread (the shell's look at its store, done after
 * the first prompt shows). Each sets its bit in `pending` and then rings the doorbell, a pipe the
 * reader polls beside the terminal. A flag alone would miss an event that comes between the
 * reader's look at the flag and its read; the doorbell's byte is still there when the reader
 * polls. Both are async-signal-safe: lock-free atomics and write(2).
 */

static atomic_int pending = 0;
/* The doorbell's ends; -1 until cle_watch_events made it (or when the pipe could not be made:
   then a resize still interrupts the poll, and a wake-up waits for the next key). */
static atomic_int bell_read = -1;
static atomic_int bell_write = -1;

static void post(int event) {
    atomic_fetch_or(&pending, event);
    int fd = atomic_load(&bell_write);
    if (fd >= 0) {
        int saved = errno;
        /* A full pipe rings already; the byte is only a wake-up. */
        ssize_t written = write(fd, "", 1);
        (void)written;
        errno = saved;
    }
}

static void note_resize(int signo) {
    (void)signo;
    post(CLE_EVENT_RESIZE);
}

void cle_watch_events(void) {
    static atomic_flag started = ATOMIC_FLAG_INIT;
    if (atomic_flag_test_and_set(&started)) return;
    int ends[2];
    if (pipe2(ends, O_CLOEXEC | O_NONBLOCK) == 0) {
        atomic_store(&bell_read, ends[0]);
        atomic_store(&bell_write, ends[1]);
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    /* No SA_RESTART: a resize interrupts the poll, even without a doorbell. */
    action.sa_handler = note_resize;
    sigemptyset(&action.sa_mask);
    (void)sigaction(SIGWINCH, &action, NULL);
}

void cle_wake(void) { post(CLE_EVENT_WAKE); }

int cle_read_char_or_event(int fd, wchar_t *ch, int *events) {
    int bell = atomic_load(&bell_read);
    for (;;) {
        int found = atomic_exchange(&pending, 0);
        if (found != 0) {
            *events = found;
            return 2;
        }
        int status = cle_read_char_or_doorbell(fd, ch, bell);
        if (status != 2) return status;
        /* Emptied before `pending` is looked at again: a later event rings anew. */
        char rung[64];
        while (bell >= 0 && read(bell, rung, sizeof rung) > 0) {}
    }
}
