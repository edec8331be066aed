#ifndef CLINEEDITCLUSTERS_H
#define CLINEEDITCLUSTERS_H

/*
 * Whole characters (grapheme clusters) on libedit's screen.
 *
 * libedit keeps one wchar_t per screen cell and drops a zero-width character
 * (a combining mark such as U+3099, a variation selector such as U+E0100, a
 * ZWJ) into the cell of the character after it, so it can neither show nor
 * edit a cluster of several code points as one character. The line editor
 * therefore puts one placeholder code point in libedit's buffer for each such
 * cluster: from Tangut (U+17000-U+187F7), which wcwidth counts as two columns,
 * for a double-width cluster, and from plane 15's private use area
 * (U+F0000-U+FFFFD), one column, for a narrow one. libedit then moves,
 * deletes and measures the cluster as the one character it is, and the
 * output stream made by cle_init_clusters writes the cluster's own UTF-8 in
 * place of each placeholder, so the terminal shows the real text.
 *
 * The table lives for the process. Not thread-safe: one line editor on one thread.
 */

#include <histedit.h>
#include <wchar.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Records that `placeholder` is shown as the NUL-terminated UTF-8 `text`.
 * Placeholders are given out in order from the start of their range (the
 * caller keeps which value each stands for); returns 0, or -1 when
 * `placeholder` is not the next free one of its range or memory ran out.
 */
int cle_cluster_show(wchar_t placeholder, const char *text);
/* The UTF-8 text a placeholder stands for, or NULL when ch is not a registered placeholder. */
const char *cle_cluster_text(wchar_t ch);
/* Whether ch lies in a placeholder range (given out or not). */
int cle_cluster_is_placeholder_range(wchar_t ch);

/*
 * el_init(program, stdin, OUT, stderr) where OUT writes to standard output,
 * replacing each registered placeholder by its text.
 */
EditLine *cle_init_clusters(const char *program);

#ifdef __cplusplus
}
#endif

#endif
