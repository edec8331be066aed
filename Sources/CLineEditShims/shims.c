#define _GNU_SOURCE
#include "CLineEditShims.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

EditLine *cle_init(const char *program) { return el_init(program, stdin, stdout, stderr); }
void cle_end(EditLine *el) { el_end(el); }

int cle_set_prompt(EditLine *el, cle_prompt_function fn) { return el_wset(el, EL_PROMPT, fn); }
int cle_set_editor(EditLine *el, const wchar_t *mode) { return el_wset(el, EL_EDITOR, mode); }
int cle_set_signal(EditLine *el, int on) { return el_wset(el, EL_SIGNAL, on); }
int cle_bind(EditLine *el, const wchar_t *key, const wchar_t *command) { return el_wset(el, EL_BIND, key, command, (const wchar_t *)NULL); }
int cle_add_function(EditLine *el, const wchar_t *name, const wchar_t *help, cle_function fn) { return el_wset(el, EL_ADDFN, name, help, fn); }
int cle_set_history(EditLine *el, HistoryW *history) { return el_wset(el, EL_HIST, history_w, history); }
int cle_set_client_data(EditLine *el, void *data) { return el_wset(el, EL_CLIENTDATA, data); }
void *cle_get_client_data(EditLine *el) { void *data = NULL; return el_wget(el, EL_CLIENTDATA, &data) == 0 ? data : NULL; }
int cle_setty(EditLine *el, const wchar_t *a, const wchar_t *b) { return el_wset(el, EL_SETTY, a, b, (const wchar_t *)NULL); }
int cle_settc(EditLine *el, const wchar_t *name, const wchar_t *value) { return el_wset(el, EL_SETTC, name, value, (const wchar_t *)NULL); }
int cle_prep_term(EditLine *el, int on) { return el_wset(el, EL_PREP_TERM, on); }
int cle_refresh(EditLine *el) { return el_wset(el, EL_REFRESH); }
int cle_source_editrc(EditLine *el) { return el_source(el, NULL); }

void cle_write_output(EditLine *el, const char *text) {
    FILE *out = NULL;
    if (el_wget(el, EL_GETFP, 1, &out) != 0 || out == NULL) out = stdout;
    fputs(text, out);
    fflush(out);
}

int cle_history_set_size(HistoryW *h, int size) { HistEventW ev; return history_w(h, &ev, H_SETSIZE, size); }
int cle_history_set_unique(HistoryW *h, int on) { HistEventW ev; return history_w(h, &ev, H_SETUNIQUE, on); }
int cle_history_clear(HistoryW *h) { HistEventW ev; return history_w(h, &ev, H_CLEAR); }
int cle_history_enter(HistoryW *h, const wchar_t *line) { HistEventW ev; return history_w(h, &ev, H_ENTER, line); }

int cle_set_read_function(EditLine *el, cle_read_function fn) {
    return el_wset(el, EL_GETCFN, fn != NULL ? fn : EL_BUILTIN_GETCFN);
}

/* cle_read_char; with `watching`, returns 2 before a new character starts when `doorbell` (a
   descriptor, or -1) becomes readable or a signal interrupts the wait. */
static int read_char(int fd, wchar_t *ch, int watching, int doorbell) {
    char bytes[MB_LEN_MAX];
    size_t count = 0;
    for (;;) {
        if (watching && count == 0) { /* mid-character, the rest of the character comes first */
            struct pollfd waits[2] = { { .fd = fd, .events = POLLIN }, { .fd = doorbell, .events = POLLIN } };
            int ready = poll(waits, doorbell >= 0 ? 2 : 1, -1);
            if (ready < 0) {
                if (errno == EINTR) return 2;
                *ch = L'\0';
                return -1;
            }
            if (doorbell >= 0 && (waits[1].revents & POLLIN)) return 2;
        }
        ssize_t n = read(fd, bytes + count, 1);
        if (n < 0) {
            if (errno == EINTR) continue;
            *ch = L'\0';
            return -1;
        }
        if (n == 0) {
            *ch = L'\0';
            return 0;
        }
        count++;
        mbstate_t state;
        memset(&state, 0, sizeof state);
        size_t result = mbrtowc(ch, bytes, count, &state);
        if (result == (size_t)-2) {
            if (count >= MB_LEN_MAX) count = 0; /* too long: drop it */
            continue;
        }
        if (result == (size_t)-1) {
            /* invalid: drop all but the last byte, which may start a character */
            if (count > 1) {
                bytes[0] = bytes[count - 1];
                count = 1;
                memset(&state, 0, sizeof state);
                result = mbrtowc(ch, bytes, count, &state);
                if (result == (size_t)-2) continue;
                if (result == (size_t)-1) { count = 0; continue; }
                return 1;
            }
            count = 0;
            continue;
        }
        return 1;
    }
}

int cle_read_char(int fd, wchar_t *ch) { return read_char(fd, ch, 0, -1); }
int cle_read_char_or_doorbell(int fd, wchar_t *ch, int doorbell) { return read_char(fd, ch, 1, doorbell); }

int cle_wcwidth(wchar_t c) { return wcwidth(c); }

/* ---- Terminal restore on abnormal exit ---------------------------------- */

static const int restore_signals[] = { SIGTERM, SIGHUP, SIGQUIT, SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE };
#define RESTORE_SIGNAL_COUNT (sizeof(restore_signals) / sizeof(restore_signals[0]))

static struct termios saved_termios;
static volatile sig_atomic_t saved_fd = -1;
static struct sigaction previous_actions[RESTORE_SIGNAL_COUNT];
static volatile sig_atomic_t installed = 0;

/* Whether the terminal was asked to mark pastes (ESC[?2004h) and not yet asked to stop: a process
   ended then must ask it, or the shell it leaves gets every paste wrapped in ESC[200~. */
static volatile sig_atomic_t pastes_marked = 0;

void cle_set_pastes_marked(int marked) { pastes_marked = marked; }

void cle_restore_terminal(void) {
    int fd = saved_fd;
    if (fd < 0) return;
    if (pastes_marked) {
        static const char stop_marking[] = "\033[?2004l";
        (void)write(fd, stop_marking, sizeof stop_marking - 1); /* async-signal-safe */
        pastes_marked = 0;
    }
    (void)tcsetattr(fd, TCSANOW, &saved_termios); /* async-signal-safe */
}

static void restore_and_reraise(int signo, siginfo_t *info, void *context) {
    (void)context;
    int saved_errno = errno;
    cle_restore_terminal();
    size_t i;
    for (i = 0; i < RESTORE_SIGNAL_COUNT; i++)
        if (restore_signals[i] == signo) break;
    if (i < RESTORE_SIGNAL_COUNT) {
        struct sigaction previous = previous_actions[i];
        if (previous.sa_handler == SIG_IGN && !(previous.sa_flags & SA_SIGINFO))
            previous.sa_handler = SIG_DFL;
        (void)sigaction(signo, &previous, NULL);
    } else {
        signal(signo, SIG_DFL);
    }
    /* A fault raised by the CPU (si_code > 0) recurs when the handler returns,
       now reaching the previous handler with its real context; anything else
       (kill, raise, abort, a trap instruction that does not re-execute) is
       raised again, to be delivered once this handler returns. */
    int synchronous_fault = info != NULL && info->si_code > 0 &&
        (signo == SIGSEGV || signo == SIGBUS || signo == SIGILL || signo == SIGFPE);
    if (!synchronous_fault) (void)raise(signo);
    errno = saved_errno;
}

static void restore_at_exit(void) { cle_restore_terminal(); }

int cle_install_terminal_restore(int fd) {
    if (installed) {
        return isatty(fd) ? 0 : -1;
    }
    if (tcgetattr(fd, &saved_termios) != 0) return -1;
    saved_fd = fd;
    installed = 1;
    for (size_t i = 0; i < RESTORE_SIGNAL_COUNT; i++) {
        struct sigaction current;
        if (sigaction(restore_signals[i], NULL, &current) != 0) continue;
        if (current.sa_handler == SIG_IGN && !(current.sa_flags & SA_SIGINFO)) {
            /* ignored (e.g. SIGHUP under nohup): leave it so */
            previous_actions[i] = current;
            continue;
        }
        previous_actions[i] = current;
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_sigaction = restore_and_reraise;
        action.sa_flags = SA_SIGINFO | SA_ONSTACK;
        sigemptyset(&action.sa_mask);
        (void)sigaction(restore_signals[i], &action, NULL);
    }
    atexit(restore_at_exit);
    return 0;
}
