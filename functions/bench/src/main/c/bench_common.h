/* What the bench's C tools share: the bandwidth floor of reading a buffer once, and the median of timings.
 * Included by limit_scan.c and fast_scan.c (each built alone by the benchmark command). */
#ifndef ASSOCREC_BENCH_COMMON_H
#define ASSOCREC_BENCH_COMMON_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __AVX512F__
#include <immintrin.h>
#endif

/* Reads every byte once (64-byte loads, xor-folded so nothing is skipped): one core's bandwidth, the floor of any
 * scan of those bytes. */
static int read_all(const void *buffer, size_t bytes) {
    const uint8_t *p = buffer;
#ifdef __AVX512F__
    __m512i a = _mm512_setzero_si512(), b = a, c = a, d = a;
    for (size_t i = 0; i + 256 <= bytes; i += 256) {
        a = _mm512_xor_si512(a, _mm512_loadu_si512(p + i));
        b = _mm512_xor_si512(b, _mm512_loadu_si512(p + i + 64));
        c = _mm512_xor_si512(c, _mm512_loadu_si512(p + i + 128));
        d = _mm512_xor_si512(d, _mm512_loadu_si512(p + i + 192));
    }
    return _mm512_reduce_add_epi32(_mm512_xor_si512(_mm512_xor_si512(a, b), _mm512_xor_si512(c, d)));
#else
    uint64_t x = 0;
    for (size_t i = 0; i + 8 <= bytes; i += 8) { uint64_t w; memcpy(&w, p + i, 8); x ^= w; }
    return (int) x;
#endif
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

static double median(double *t, int n) { qsort(t, n, sizeof *t, by_value); return t[n / 2]; }

#endif
