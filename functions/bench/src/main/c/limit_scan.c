/*
 * The memory limit of the serving scan: int8 and float32 dot-product scans of an items x dims table
 * with a top k, as plain C that the compiler vectorises (-O3 -march=native), one thread.
 * Both tables are laid out like the Java scans (blocks of BLOCK items, dimensions outermost inside a
 * block), so the inner loop runs over contiguous items and needs no reordered float reduction.
 *
 *   limit_scan <items> [dims] [k]
 * prints one line: items=<n> dims=<d> int8_p50_ms=<t> fp32_p50_ms=<t>   (p50 per query)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

static int by_value(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

static double median(double *t, int n) { qsort(t, n, sizeof *t, by_value); return t[n / 2]; }

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
    /* Enough queries for a stable median, about a second per table. */
    int queries = items >= 1000000 ? 60 : items >= 100000 ? 300 : 1000;
    double *times = malloc(sizeof(double) * queries);
    int8_t *q = malloc(dims);
    float *u = malloc(sizeof(float) * dims);
    float score[1024]; int item[1024];
    if (k > 1024) k = 1024;
    volatile int sink = 0;
    double p50[2];
    for (int kind = 0; kind < 2; kind++) {
        for (int r = -queries / 10; r < queries; r++) { /* the first tenth warms caches and pages */
            for (int j = 0; j < dims; j++) { q[j] = (int8_t) (rand() % 255 - 127); u[j] = q[j] / 127.0f; }
            topk top = {k, 0, score, item};
            double start = now_ms();
            sink += kind == 0 ? scan_i8(t8, blocks, dims, q, &top) : scan_f32(t32, blocks, dims, u, &top);
            if (r >= 0) times[r] = now_ms() - start;
        }
        p50[kind] = median(times, queries);
    }
    printf("items=%d dims=%d int8_p50_ms=%.3f fp32_p50_ms=%.3f\n", items, dims, p50[0], p50[1]);
    return sink == -1;
}
