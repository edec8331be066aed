#define _GNU_SOURCE
#include "CLineEditShims.h"

#include <signal.h>
#include <string.h>

/*
 * The editor's own handling of SIGCONT, in place of libedit's EL_SIGNAL (SIGWINCH is noted by
 * cle_watch_events in events.c, and the key reader redraws the line at the new width).
 *
 * With EL_SIGNAL on, libedit catches SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGCONT and
 * SIGWINCH while a line is read and sends each one on with kill(0, sig): to the whole process
 * group, so a SIGTERM meant for casebook also ends the shell that started it and that shell's
 * other children. EL_SIGNAL is therefore off, and what libedit did for the two signals that are
 * not the end of the process is done by the editor, for the line being read only: a resize
 * redraws it, SIGCONT puts the terminal back in raw mode and redraws the line. SIGTERM and SIGHUP
 * are left to the terminal-restore handlers (cle_install_terminal_restore), which end this
 * process alone.
 */

static EditLine *volatile reading_el = NULL;

static void on_continue(int signo) {
    (void)signo;
    EditLine *el = reading_el;
    if (el != NULL) {
        (void)el_set(el, EL_PREP_TERM, 1);
        (void)el_set(el, EL_REFRESH);
    }
}

int cle_install_editor_signals(void) {
    static int installed = 0;
    if (installed) return 0;
    installed = 1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    /* SA_RESTART: a read in progress goes on, so the line being typed is never abandoned. */
    action.sa_flags = SA_RESTART;
    action.sa_handler = on_continue;
    if (sigaction(SIGCONT, &action, NULL) != 0) return -1;
    return 0;
}

void cle_reading(EditLine *el) { reading_el = el; }
