/*
 * The limits of the serving scan, one thread: int8 and float32 dot-product scans of an items x dims table
 * with a top k, as plain C that the compiler vectorises (-O3 -march=native); where the CPU has AVX-512 VNNI,
 * the int8 scan with vpdpbusd (4 u8 x s8 products summed into each int32 lane per instruction); and a plain
 * read of the int8 table's bytes (the memory bandwidth one core gets, the floor of any int8 scan).
 * The auto-vectorised tables are laid out like the Java scans (blocks of BLOCK items, dimensions outermost
 * inside a block), so the inner loop runs over contiguous items and needs no reordered float reduction.
 *
 *   limit_scan <items> [dims] [k]
 * prints one line: items=<n> dims=<d> int8_p50_ms=<t> fp32_p50_ms=<t> vnni_p50_ms=<t|none> read_p50_ms=<t>
 * read_gb_s=<g>   (p50 per query; vnni "none" when not compiled for a CPU with AVX-512 VNNI)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_common.h"
#ifdef __AVX512F__
#include <immintrin.h>
#endif

#define BLOCK 256

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Keeps the k best scores in a small sorted array: offered only when a score beats the k-th. */
typedef struct { int k, size; float *score; int *item; } topk;

static void offer(topk *t, int item, float s) {
    if (t->size == t->k && s <= t->score[t->k - 1]) return;
    int i = t->size < t->k ? t->size++ : t->k - 1;
    while (i > 0 && t->score[i - 1] < s) { t->score[i] = t->score[i - 1]; t->item[i] = t->item[i - 1]; i--; }
    t->score[i] = s; t->item[i] = item;
}

static float threshold(const topk *t) { return t->size < t->k ? -3.4e38f : t->score[t->k - 1]; }

/* One scan per element type; the int8 one accumulates in int32, the float32 one in float. */
#define SCAN(name, T, ACC)                                                                         \
    static int name(const T *table, int blocks, int dims, const T *u, topk *top) {                 \
        ACC acc[BLOCK];                                                                            \
        for (int b = 0; b < blocks; b++) {                                                         \
            memset(acc, 0, sizeof acc);                                                            \
            const T *blk = table + (size_t) b * BLOCK * dims;                                      \
            for (int j = 0; j < dims; j++) {                                                       \
                ACC uj = u[j];                                                                     \
                const T *col = blk + (size_t) j * BLOCK;                                           \
                for (int i = 0; i < BLOCK; i++) acc[i] += uj * col[i];                             \
            }                                                                                      \
            float thr = threshold(top);                                                            \
            for (int i = 0; i < BLOCK; i++)                                                        \
                if ((float) acc[i] > thr) { offer(top, b * BLOCK + i, (float) acc[i]); thr = threshold(top); } \
        }                                                                                          \
        return top->item[0];                                                                       \
    }

SCAN(scan_i8, int8_t, int32_t)
SCAN(scan_f32, float, float)

#ifdef __AVX512VNNI__
/*
 * vpdpbusd multiplies u8 by s8, so the table is stored as u8 = level + 128: Σ q·(t + 128) = q·t + 128·Σq, the
 * same ranking (the offset is one constant per query); 4·255·127 fits int32, so the sums are exact (no
 * saturation, unlike vpmaddubsw). Layout: blocks of 16 items (one int32 lane each), dims in groups of 4
 * outermost, the 4 bytes of one item's group adjacent, so the scan reads the table front to back; 4
 * accumulators take turns over the groups.
 */
static int scan_vnni(const uint8_t *table, int blocks16, int dims, const int8_t *q, topk *top) {
    int groups = dims / 4;
    int32_t lanes[16];
    __m512i u[groups];
    for (int g = 0; g < groups; g++) {
        int32_t four;
        memcpy(&four, q + 4 * g, 4);
        u[g] = _mm512_set1_epi32(four);
    }
    for (int b = 0; b < blocks16; b++) {
        const uint8_t *blk = table + (size_t) b * 16 * dims;
        __m512i a0 = _mm512_setzero_si512(), a1 = a0, a2 = a0, a3 = a0;
        for (int g = 0; g < groups; g += 4) {
            a0 = _mm512_dpbusd_epi32(a0, _mm512_loadu_si512(blk + g * 64), u[g]);
            a1 = _mm512_dpbusd_epi32(a1, _mm512_loadu_si512(blk + g * 64 + 64), u[g + 1]);
            a2 = _mm512_dpbusd_epi32(a2, _mm512_loadu_si512(blk + g * 64 + 128), u[g + 2]);
            a3 = _mm512_dpbusd_epi32(a3, _mm512_loadu_si512(blk + g * 64 + 192), u[g + 3]);
        }
        __m512i acc = _mm512_add_epi32(_mm512_add_epi32(a0, a1), _mm512_add_epi32(a2, a3));
        float thr = threshold(top);
        if (_mm512_cmpgt_epi32_mask(acc, _mm512_set1_epi32(thr < -2e9f ? INT32_MIN : (int32_t) thr)) == 0) continue;
        _mm512_storeu_si512(lanes, acc);
        for (int i = 0; i < 16; i++)
            if ((float) lanes[i] > thr) { offer(top, b * 16 + i, (float) lanes[i]); thr = threshold(top); }
    }
    return top->item[0];
}
#endif


int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: limit_scan <items> [dims] [k]\n"); return 2; }
    int items = atoi(argv[1]);
    int dims = argc > 2 ? atoi(argv[2]) : 64;
    int k = argc > 3 ? atoi(argv[3]) : 10;
    if (items <= 0 || dims <= 0 || k <= 0) { fprintf(stderr, "limit_scan: items, dims and k must be > 0\n"); return 2; }
    int blocks = (items + BLOCK - 1) / BLOCK;
    size_t cells = (size_t) blocks * BLOCK * dims;
    int8_t *t8 = malloc(cells);
    float *t32 = malloc(cells * sizeof(float));
    if (!t8 || !t32) { fprintf(stderr, "limit_scan: out of memory for %d x %d\n", items, dims); return 1; }
    srand(42);
    for (size_t c = 0; c < cells; c++) { t8[c] = (int8_t) (rand() % 127 - 63); t32[c] = (float) t8[c] / 63.0f; }
    int vdims = (dims + 15) / 16 * 16; /* whole groups of 4 for the VNNI scan's 4 accumulators */
    int blocks16 = (items + 63) / 64 * 4;
    uint8_t *tu8 = calloc((size_t) blocks16 * 16 * vdims, 1);
    if (!tu8) { fprintf(stderr, "limit_scan: out of memory for %d x %d\n", items, dims); return 1; }
    for (size_t i = 0; i < (size_t) blocks16 * 16; i++)
        for (int j = 0; j < vdims; j++) {
            int8_t level = j < dims && i < (size_t) blocks * BLOCK ? t8[(i / BLOCK) * BLOCK * dims + (size_t) j * BLOCK + i % BLOCK] : 0;
            tu8[(i / 16) * 16 * vdims + (size_t) (j / 4) * 64 + (i % 16) * 4 + j % 4] = (uint8_t) (level + 128);
        }
    /* Enough queries for a stable median, about a second per table. */
    int queries = items >= 1000000 ? 60 : items >= 100000 ? 300 : 1000;
    double *times = malloc(sizeof(double) * queries);
    int8_t *q = calloc(vdims, 1);
    float *u = malloc(sizeof(float) * dims);
    float score[1024]; int item[1024];
    if (k > 1024) k = 1024;
    volatile int sink = 0;
#ifdef __AVX512VNNI__
    /* The VNNI scan's best score, less the offset, must be the plain int8 scan's (a test, not a timing). */
    for (int r = 0; r < 20; r++) {
        int sum = 0;
        for (int j = 0; j < dims; j++) { q[j] = (int8_t) (rand() % 255 - 127); sum += q[j]; }
        float s1[1], s2[1]; int i1[1], i2[1];
        topk a = {1, 0, s1, i1}, b = {1, 0, s2, i2};
        scan_i8(t8, blocks, dims, q, &a);
        scan_vnni(tu8, blocks16, vdims, q, &b);
        if (s2[0] - 128.0f * sum != s1[0]) {
            fprintf(stderr, "limit_scan: VNNI scan disagrees: best %.0f vs %.0f\n", s2[0] - 128.0f * sum, s1[0]);
            return 1;
        }
    }
#endif
    double p50[4] = {-1, -1, -1, -1};
    for (int kind = 0; kind < 4; kind++) {
#ifndef __AVX512VNNI__
        if (kind == 2) continue;
#endif
        for (int r = -queries / 10; r < queries; r++) { /* the first tenth warms caches and pages */
            for (int j = 0; j < dims; j++) { q[j] = (int8_t) (rand() % 255 - 127); u[j] = q[j] / 127.0f; }
            topk top = {k, 0, score, item};
            double start = now_ms();
            switch (kind) {
                case 0: sink += scan_i8(t8, blocks, dims, q, &top); break;
                case 1: sink += scan_f32(t32, blocks, dims, u, &top); break;
#ifdef __AVX512VNNI__
                case 2: sink += scan_vnni(tu8, blocks16, vdims, q, &top); break;
#endif
                default: sink += read_all(tu8, (size_t) items * dims); break; /* the VNNI copy: the table the fastest scan reads */
            }
            if (r >= 0) times[r] = now_ms() - start;
        }
        p50[kind] = median(times, queries);
    }
    char vnni[32] = "none";
    if (p50[2] >= 0) snprintf(vnni, sizeof vnni, "%.3f", p50[2]);
    printf("items=%d dims=%d int8_p50_ms=%.3f fp32_p50_ms=%.3f vnni_p50_ms=%s read_p50_ms=%.3f read_gb_s=%.1f\n",
           items, dims, p50[0], p50[1], vnni, p50[3], (double) items * dims / p50[3] / 1e6);
    return sink == -1;
}
