#define _GNU_SOURCE
#include "CLineEditClusters.h"
#include "CLineEditShims.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- The placeholder table ---------------------------------------------- */

#define WIDE_FIRST 0x17000
#define WIDE_LAST 0x187F7
#define NARROW_FIRST 0xF0000
#define NARROW_LAST 0xFFFFD

static char **wide_texts = NULL;   /* index: ch - WIDE_FIRST */
static size_t wide_count = 0, wide_capacity = 0;
static char **narrow_texts = NULL; /* index: ch - NARROW_FIRST */
static size_t narrow_count = 0, narrow_capacity = 0;

int cle_cluster_is_placeholder_range(wchar_t ch) {
    return (ch >= WIDE_FIRST && ch <= WIDE_LAST) || (ch >= NARROW_FIRST && ch <= NARROW_LAST);
}

int cle_cluster_show(wchar_t placeholder, const char *text) {
    int wide = placeholder >= WIDE_FIRST && placeholder <= WIDE_LAST;
    if (!wide && !(placeholder >= NARROW_FIRST && placeholder <= NARROW_LAST)) return -1;
    char ***texts = wide ? &wide_texts : &narrow_texts;
    size_t *count = wide ? &wide_count : &narrow_count;
    size_t *capacity = wide ? &wide_capacity : &narrow_capacity;
    size_t index = (size_t)(placeholder - (wide ? WIDE_FIRST : NARROW_FIRST));
    if (index != *count) return -1;  /* placeholders are given out in order */
    if (*count == *capacity) {
        size_t grown = *capacity == 0 ? 16 : *capacity * 2;
        char **bigger = realloc(*texts, grown * sizeof *bigger);
        if (bigger == NULL) return -1;
        *texts = bigger;
        *capacity = grown;
    }
    char *copy = strdup(text);
    if (copy == NULL) return -1;
    (*texts)[(*count)++] = copy;
    return 0;
}

const char *cle_cluster_text(wchar_t ch) {
    if (ch >= WIDE_FIRST && ch <= WIDE_LAST && (size_t)(ch - WIDE_FIRST) < wide_count)
        return wide_texts[ch - WIDE_FIRST];
    if (ch >= NARROW_FIRST && ch <= NARROW_LAST && (size_t)(ch - NARROW_FIRST) < narrow_count)
        return narrow_texts[ch - NARROW_FIRST];
    return NULL;
}

/* ---- The output stream that shows clusters ------------------------------ */

static void write_all(const char *bytes, size_t length) {
    while (length > 0) {
        ssize_t n = write(STDOUT_FILENO, bytes, length);
        if (n < 0) {
            if (errno == EINTR) continue;
            return;
        }
        bytes += n;
        length -= (size_t)n;
    }
}

/* The lead bytes of a placeholder's UTF-8 (U+17000-U+187F7: F0 97/98; plane 15: F3). */
static int may_start_placeholder(unsigned char byte) { return byte == 0xF0 || byte == 0xF3; }

/* Bytes of an incomplete four-byte sequence kept from the end of the last write. */
static char pending[4];
static size_t pending_count = 0;

/* Output gathered for one write(2). */
struct gathered {
    char bytes[4096];
    size_t used;
};

static void emit(struct gathered *out, const char *bytes, size_t length) {
    if (out->used + length > sizeof out->bytes) {
        write_all(out->bytes, out->used);
        out->used = 0;
    }
    if (length > sizeof out->bytes) {
        write_all(bytes, length);
        return;
    }
    memcpy(out->bytes + out->used, bytes, length);
    out->used += length;
}

static ssize_t cluster_write(void *cookie, const char *buffer, size_t size) {
    (void)cookie;
    struct gathered out;
    out.used = 0;
    size_t i = 0;
    while (i < size) {
        unsigned char byte = (unsigned char)buffer[i];
        if (pending_count > 0) {
            if ((byte & 0xC0) == 0x80) {
                pending[pending_count++] = buffer[i++];
                if (pending_count == 4) {
                    wchar_t ch = ((pending[0] & 0x07) << 18) | ((pending[1] & 0x3F) << 12) |
                                 ((pending[2] & 0x3F) << 6) | (pending[3] & 0x3F);
                    const char *text = cle_cluster_text(ch);
                    if (text != NULL) emit(&out, text, strlen(text));
                    else emit(&out, pending, 4);
                    pending_count = 0;
                }
                continue;
            }
            emit(&out, pending, pending_count);  /* not a four-byte sequence after all */
            pending_count = 0;
        }
        if (may_start_placeholder(byte)) {
            pending[pending_count++] = buffer[i++];
            continue;
        }
        emit(&out, buffer + i, 1);
        i++;
    }
    /* An incomplete sequence at the end waits for the next write (a buffer split it). */
    write_all(out.bytes, out.used);
    return (ssize_t)size;
}

EditLine *cle_init_clusters(const char *program) {
    /* libedit sets up the terminal only when its output is one: start on stdout, then write
       through the stream that shows clusters. */
    EditLine *el = el_init(program, stdin, stdout, stderr);
    if (el == NULL) return NULL;
    cookie_io_functions_t functions = { .read = NULL, .write = cluster_write, .seek = NULL, .close = NULL };
    FILE *out = fopencookie(NULL, "w", functions);
    if (out != NULL) (void)el_wset(el, EL_SETFP, 1, out);
    return el;
}
