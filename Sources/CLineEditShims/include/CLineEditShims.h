#ifndef CLINEEDITSHIMS_H
#define CLINEEDITSHIMS_H

/*
 * Non-variadic wrappers over libedit's variadic calls (el_wset, el_wget,
 * history_w), which Swift cannot call, plus the terminal-restore signal
 * handlers, which must be async-signal-safe C.
 *
 * Everything here uses libedit's wide-character interface (wchar_t is
 * UTF-32, Int32 in Swift, on Linux).
 */

#include <histedit.h>
#include <wchar.h>
#include <signal.h>

#include "CLineEditClusters.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A libedit editor function, as registered with EL_ADDFN. */
typedef unsigned char (*cle_function)(EditLine *el, int ch);
/* A wide prompt function, as registered with EL_PROMPT. */
typedef wchar_t *(*cle_prompt_function)(EditLine *el);

/* el_init(program, stdin, stdout, stderr): Swift 6 rejects the stdio globals. */
EditLine *cle_init(const char *program);
/* el_end */
void cle_end(EditLine *el);

/* el_wset(el, EL_PROMPT, fn) */
int cle_set_prompt(EditLine *el, cle_prompt_function fn);
/* el_wset(el, EL_EDITOR, mode) with mode L"emacs" or L"vi" */
int cle_set_editor(EditLine *el, const wchar_t *mode);
/* el_wset(el, EL_SIGNAL, on) */
int cle_set_signal(EditLine *el, int on);
/* el_wset(el, EL_BIND, key, command, NULL) */
int cle_bind(EditLine *el, const wchar_t *key, const wchar_t *command);
/* el_wset(el, EL_ADDFN, name, help, fn) */
int cle_add_function(EditLine *el, const wchar_t *name, const wchar_t *help, cle_function fn);
/* el_wset(el, EL_HIST, history_w, history) */
int cle_set_history(EditLine *el, HistoryW *history);
/* el_wset(el, EL_CLIENTDATA, data) */
int cle_set_client_data(EditLine *el, void *data);
/* el_wget(el, EL_CLIENTDATA, &data): the data, or NULL */
void *cle_get_client_data(EditLine *el);
/* el_wset(el, EL_SETTY, a, b, NULL), e.g. L"-d", L"-isig" */
int cle_setty(EditLine *el, const wchar_t *a, const wchar_t *b);
/* el_wset(el, EL_SETTC, name, value, NULL); an empty value removes the capability */
int cle_settc(EditLine *el, const wchar_t *name, const wchar_t *value);
/* el_wset(el, EL_PREP_TERM, on) */
int cle_prep_term(EditLine *el, int on);
/* el_wset(el, EL_REFRESH): redraw prompt and line from the current cursor position */
int cle_refresh(EditLine *el);
/* el_source(el, NULL): read ~/.editrc (or $EDITRC) as libedit does */
int cle_source_editrc(EditLine *el);
/* Writes text to the editor's output stream and flushes it. */
void cle_write_output(EditLine *el, const char *text);

/* history_w(h, &ev, H_SETSIZE, n) */
int cle_history_set_size(HistoryW *h, int size);
/* history_w(h, &ev, H_SETUNIQUE, on) */
int cle_history_set_unique(HistoryW *h, int on);
/* history_w(h, &ev, H_CLEAR) */
int cle_history_clear(HistoryW *h);
/* history_w(h, &ev, H_ENTER, line) */
int cle_history_enter(HistoryW *h, const wchar_t *line);

/* A read-character function, as registered with EL_GETCFN. */
typedef int (*cle_read_function)(EditLine *el, wchar_t *ch);
/* el_wset(el, EL_GETCFN, fn); fn NULL restores libedit's own (EL_BUILTIN_GETCFN). */
int cle_set_read_function(EditLine *el, cle_read_function fn);
/*
 * Reads one character from fd as libedit's own reader does: byte by byte,
 * decoded in the current locale, invalid bytes skipped, EINTR retried.
 * Returns 1 with *ch set, 0 at end of file, -1 on error.
 */
int cle_read_char(int fd, wchar_t *ch);
/* cle_read_char that returns 2 instead, before a new character starts, when the descriptor
 * `doorbell` (-1: none) becomes readable or a signal interrupts the wait for the character. */
int cle_read_char_or_doorbell(int fd, wchar_t *ch, int doorbell);

/*
 * What reaches the line being edited from outside while a key is awaited: a window resize
 * (SIGWINCH), or a wake-up asked for by another thread (cle_wake). Each is noted as a bit of the
 * pending events and rings a doorbell, a pipe that the key reader waits on beside the terminal.
 */
enum { CLE_EVENT_RESIZE = 1, CLE_EVENT_WAKE = 2 };
/* Makes the doorbell and installs the SIGWINCH handler (once; later calls do nothing). */
void cle_watch_events(void);
/* Notes a wake-up and rings the doorbell; callable from any thread and from a signal handler.
 * A wake-up before cle_watch_events is kept for the first key read. */
void cle_wake(void);
/*
 * Like cle_read_char, but returns 2 (with *ch unset) before a new character starts when events
 * are pending, with their bits in *events (the pending events are then cleared).
 */
int cle_read_char_or_event(int fd, wchar_t *ch, int *events);

/* wcwidth(c) in the current locale (-1 for a non-printable character). */
int cle_wcwidth(wchar_t c);

/*
 * Saves the terminal attributes of fd (once; later calls only update which
 * fd) and installs handlers for SIGTERM, SIGHUP, SIGQUIT, SIGABRT, SIGSEGV,
 * SIGBUS, SIGILL, SIGTRAP and SIGFPE that restore those attributes, put the
 * previous handler back and re-raise; plus an atexit handler that restores
 * them. Signals that were ignored stay ignored. Returns 0, or -1 when fd is
 * not a terminal.
 */
int cle_install_terminal_restore(int fd);
/* Restores the saved terminal attributes now (no-op if none were saved), first asking the terminal
   to stop marking pastes when it was asked to (cle_set_pastes_marked). */
void cle_restore_terminal(void);
/* Notes whether the terminal is now marking pastes (ESC[?2004h sent, ESC[?2004l not yet). */
void cle_set_pastes_marked(int marked);

/*
 * Installs (once) the editor's handlers for SIGWINCH and SIGCONT, which stand in for libedit's
 * EL_SIGNAL (off: libedit re-sends signals with kill(0, sig), to the whole process group). While
 * cle_reading(el) names an editor, SIGWINCH resizes it and SIGCONT puts the terminal back in raw
 * mode and redraws its line; cle_reading(NULL) after the line. Returns 0, or -1 on failure.
 */
int cle_install_editor_signals(void);
/* The editor reading a line now, or NULL between lines. */
void cle_reading(EditLine *el);

#ifdef __cplusplus
}
#endif

#endif
