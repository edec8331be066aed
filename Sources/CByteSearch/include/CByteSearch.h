#ifndef CBYTESEARCH_H
#define CBYTESEARCH_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * glibc's memmem, which Swift's Glibc module does not declare (it is a GNU
 * extension). Its two-way search with a two-byte shift table is several
 * times faster on Japanese UTF-8 than memchr on a query's first byte, which
 * is the lead byte of thousands of common kanji.
 */
const void *cbs_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length);

#ifdef __cplusplus
}
#endif

#endif
