/*
 * The limit of the 4-bit fast-scan kernel (FastScan in the bench module), one thread: the same codes and the same
 * per-request tables, summed as FAISS does (a byte shuffle per code, unsigned 16-bit lanes: whole lanes and their
 * high bytes, the low bytes' sum being the difference), as hand-written C with intrinsics: AVX2 vpshufb (two 256-bit
 * halves per block), AVX-512BW vpshufb (the 16-entry table repeated in each 128-bit lane) and AVX-512 VBMI vpermb (what
 * Java's rearrange compiles to), each one block at a time and (suffix 2) two blocks per iteration sharing the tables'
 * loads; and a plain read of the codes (one core's bandwidth, the floor of any scan of them). The AVX-512BW kernel and
 * the read run again with the codes flushed from every cache before each query (clflush, outside the timing): "cold",
 * a request that finds the codes in memory rather than in L3.
 *
 *   fast_scan <file>
 * The file (little-endian, written by the kernel profile): int32 magic 0x46415354, blocks, columns, queries, rounds;
 * the codes (blocks x columns x 64 bytes: per block of 64 items, column t holds the codes of subspaces 2t (low nibble)
 * and 2t + 1 (high nibble), byte p of a block being its item p); then per query the
 * tables (2 x columns x 16 bytes, table 2t + h for nibble h of column t) and the Java kernel's checksum of its sums
 * (sum over items of (sum mod 2^16) x (item + 1), mod 2^64).
 * Prints one line: blocks=<b> columns=<c> <kernel>_p50_ms=<t>... read_gb_s=<g> read_cold_gb_s=<g> check=ok|<what differs>
 * (kernels the CPU or compiler lacks are "none"). Exit code 1 when any kernel's sums differ from Java's.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_common.h"
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

#define W 64

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Sums by block position, as Java stores them: lanes 0..31 the even items, 32..63 the odd ones (unsigned, mod 2^16). */
static uint64_t checksum(const uint16_t *sums, int blocks) {
    uint64_t h = 0;
    for (int b = 0; b < blocks; b++)
        for (int p = 0; p < W; p++) {
            uint64_t item = (uint64_t) b * W + (p < W / 2 ? 2 * p : 2 * (p - W / 2) + 1);
            h += (uint64_t) sums[b * W + p] * (item + 1);
        }
    return h;
}

/* Plain C, the definition: every code looked up, summed in 16 bits. */
static void scan_scalar(const uint8_t *codes, int blocks, int cols, const uint8_t *luts, uint16_t *out) {
    for (int b = 0; b < blocks; b++)
        for (int p = 0; p < W; p++) {
            uint16_t s = 0;
            for (int t = 0; t < cols; t++) {
                uint8_t c = codes[((size_t) b * cols + t) * W + p];
                s += luts[2 * t * 16 + (c & 15)] + luts[(2 * t + 1) * 16 + (c >> 4)];
            }
            /* position p holds items 2p and 2p + 1 as the vector kernels see them: lane p / 2 of the 16-bit sums */
            int lane = p / 2;
            out[b * W + (p % 2 == 0 ? lane : W / 2 + lane)] = s;
        }
}

#ifdef __AVX2__
/* One 256-bit half (32 items): even = whole 16-bit lanes, odd = high bytes; low bytes = even - (odd << 8). */
#define HALF256(codesrc, lo_t, hi_t, even, odd)                                           \
    do {                                                                                  \
        __m256i c = _mm256_loadu_si256((const __m256i *) (codesrc));                      \
        __m256i a = _mm256_shuffle_epi8(lo_t, _mm256_and_si256(c, m4));                   \
        __m256i d = _mm256_shuffle_epi8(hi_t, _mm256_and_si256(_mm256_srli_epi16(c, 4), m4)); \
        even = _mm256_add_epi16(even, _mm256_add_epi16(a, d));                            \
        odd = _mm256_add_epi16(odd, _mm256_add_epi16(_mm256_srli_epi16(a, 8), _mm256_srli_epi16(d, 8))); \
    } while (0)

static void store256(uint16_t *out, int h, __m256i even, __m256i odd) {
    even = _mm256_sub_epi16(even, _mm256_slli_epi16(odd, 8));
    _mm256_storeu_si256((__m256i *) (out + 16 * h), even);
    _mm256_storeu_si256((__m256i *) (out + W / 2 + 16 * h), odd);
}

static void scan_avx2(const uint8_t *codes, int blocks, int cols, const __m256i *t256, uint16_t *out) {
    const __m256i m4 = _mm256_set1_epi8(15);
    for (int b = 0; b < blocks; b++) {
        __m256i e0 = _mm256_setzero_si256(), o0 = e0, e1 = e0, o1 = e0;
        const uint8_t *blk = codes + (size_t) b * cols * W;
        for (int t = 0; t < cols; t++) {
            __m256i lo = t256[2 * t], hi = t256[2 * t + 1];
            HALF256(blk + t * W, lo, hi, e0, o0);
            HALF256(blk + t * W + 32, lo, hi, e1, o1);
        }
        store256(out + b * W, 0, e0, o0);
        store256(out + b * W, 1, e1, o1);
    }
}
#endif

#ifdef __AVX512BW__
#define BLOCK512(shuffle, codesrc, lo_t, hi_t, even, odd)                                  \
    do {                                                                                  \
        __m512i c = _mm512_loadu_si512((const void *) (codesrc));                         \
        __m512i a = shuffle(lo_t, _mm512_and_si512(c, m4));                               \
        __m512i d = shuffle(hi_t, _mm512_and_si512(_mm512_srli_epi16(c, 4), m4));         \
        even = _mm512_add_epi16(even, _mm512_add_epi16(a, d));                            \
        odd = _mm512_add_epi16(odd, _mm512_add_epi16(_mm512_srli_epi16(a, 8), _mm512_srli_epi16(d, 8))); \
    } while (0)

/* Java's order: the 32 even sums (16-bit lanes 0..31 of "even") then the 32 odd ones. */
static void store512_java(uint16_t *out, __m512i even, __m512i odd) {
    even = _mm512_sub_epi16(even, _mm512_slli_epi16(odd, 8));
    _mm512_storeu_si512((void *) out, even);
    _mm512_storeu_si512((void *) (out + W / 2), odd);
}

/* vpshufb's two arguments are (table, index); vpermb's are (index, table). */
#define PSHUFB(t, i) _mm512_shuffle_epi8(t, i)

static void scan_bw(const uint8_t *codes, int blocks, int cols, const __m512i *t512, uint16_t *out) {
    const __m512i m4 = _mm512_set1_epi8(15);
    for (int b = 0; b < blocks; b++) {
        __m512i even = _mm512_setzero_si512(), odd = even;
        const uint8_t *blk = codes + (size_t) b * cols * W;
        for (int t = 0; t < cols; t++) BLOCK512(PSHUFB, blk + t * W, t512[2 * t], t512[2 * t + 1], even, odd);
        store512_java(out + b * W, even, odd);
    }
}

static void scan_bw2(const uint8_t *codes, int blocks, int cols, const __m512i *t512, uint16_t *out) {
    const __m512i m4 = _mm512_set1_epi8(15);
    int b = 0;
    for (; b + 1 < blocks; b += 2) {
        __m512i e0 = _mm512_setzero_si512(), o0 = e0, e1 = e0, o1 = e0;
        const uint8_t *b0 = codes + (size_t) b * cols * W, *b1 = b0 + (size_t) cols * W;
        for (int t = 0; t < cols; t++) {
            __m512i lo = t512[2 * t], hi = t512[2 * t + 1];
            BLOCK512(PSHUFB, b0 + t * W, lo, hi, e0, o0);
            BLOCK512(PSHUFB, b1 + t * W, lo, hi, e1, o1);
        }
        store512_java(out + b * W, e0, o0);
        store512_java(out + (b + 1) * W, e1, o1);
    }
    if (b < blocks) scan_bw(codes + (size_t) b * cols * W, 1, cols, t512, out + b * W);
}
#endif

#ifdef __AVX512VBMI__
#define VPERMB(t, i) _mm512_permutexvar_epi8(i, t)

static void scan_vbmi(const uint8_t *codes, int blocks, int cols, const __m512i *t512, uint16_t *out) {
    const __m512i m4 = _mm512_set1_epi8(15);
    for (int b = 0; b < blocks; b++) {
        __m512i even = _mm512_setzero_si512(), odd = even;
        const uint8_t *blk = codes + (size_t) b * cols * W;
        for (int t = 0; t < cols; t++) BLOCK512(VPERMB, blk + t * W, t512[2 * t], t512[2 * t + 1], even, odd);
        store512_java(out + b * W, even, odd);
    }
}
#endif


static int32_t read_int(FILE *f) {
    uint8_t b[4];
    if (fread(b, 1, 4, f) != 4) { fprintf(stderr, "fast_scan: truncated file\n"); exit(2); }
    return (int32_t) (b[0] | b[1] << 8 | b[2] << 16 | (uint32_t) b[3] << 24);
}

enum { SCALAR, AVX2, BW, BW2, VBMI, READ, BW_COLD, READ_COLD, KINDS };
static const char *NAMES[KINDS] = {"scalar", "avx2", "avx512bw", "avx512bw2", "vbmi", "read", "avx512bw_cold", "read_cold"};

/* Evicts the codes from every cache level (outside the timing): a request that finds them in memory, not in L3. */
static void flush(const uint8_t *p, size_t bytes) {
#ifdef __SSE2__
    for (size_t i = 0; i < bytes; i += 64) _mm_clflush(p + i);
    _mm_mfence();
#else
    (void) p; (void) bytes;
#endif
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: fast_scan <file>\n"); return 2; }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { fprintf(stderr, "fast_scan: cannot open %s\n", argv[1]); return 2; }
    if (read_int(f) != 0x46415354) { fprintf(stderr, "fast_scan: %s is not a fast-scan dump\n", argv[1]); return 2; }
    int blocks = read_int(f), cols = read_int(f), queries = read_int(f), rounds = read_int(f);
    if (blocks <= 0 || cols <= 0 || queries <= 0 || rounds <= 0) { fprintf(stderr, "fast_scan: bad header\n"); return 2; }
    size_t codeBytes = (size_t) blocks * cols * W;
    uint8_t *codes = aligned_alloc(64, (codeBytes + 63) / 64 * 64);
    uint8_t *luts = malloc((size_t) queries * 2 * cols * 16);
    uint64_t *want = malloc(sizeof(uint64_t) * queries);
    uint16_t *sums = aligned_alloc(64, (size_t) blocks * W * 2);
    if (!codes || !luts || !want || !sums) { fprintf(stderr, "fast_scan: out of memory\n"); return 1; }
    if (fread(codes, 1, codeBytes, f) != codeBytes) { fprintf(stderr, "fast_scan: truncated codes\n"); return 2; }
    for (int q = 0; q < queries; q++) {
        if (fread(luts + (size_t) q * 2 * cols * 16, 1, 2 * cols * 16, f) != (size_t) 2 * cols * 16) {
            fprintf(stderr, "fast_scan: truncated tables\n");
            return 2;
        }
        uint32_t lo = (uint32_t) read_int(f), hi = (uint32_t) read_int(f);
        want[q] = (uint64_t) hi << 32 | lo;
    }
    fclose(f);
#ifdef __AVX2__
    __m256i *t256 = aligned_alloc(64, sizeof(__m256i) * 2 * cols);
#endif
#ifdef __AVX512F__
    __m512i *t512 = aligned_alloc(64, sizeof(__m512i) * 2 * cols);
#endif
    double *times = malloc(sizeof(double) * queries * rounds);
    double p50[KINDS];
    char check[256] = "ok";
    volatile int sink = 0;
    for (int kind = 0; kind < KINDS; kind++) {
        p50[kind] = -1;
#ifndef __AVX2__
        if (kind == AVX2) continue;
#endif
#ifndef __AVX512BW__
        if (kind == BW || kind == BW2 || kind == BW_COLD) continue;
#endif
#ifndef __AVX512VBMI__
        if (kind == VBMI) continue;
#endif
#ifndef __SSE2__
        if (kind == BW_COLD || kind == READ_COLD) continue; /* no clflush: not cold */
#endif
        /* The scalar definition checks the vector kernels' checks on a few queries; its time is not a limit. */
        int kindRounds = kind == SCALAR ? 1 : rounds, kindQueries = kind == SCALAR && queries > 4 ? 4 : queries;
        int n = 0;
        for (int r = -1; r < kindRounds; r++) { /* round -1 warms caches and pages */
            for (int q = 0; q < kindQueries; q++) {
                const uint8_t *l = luts + (size_t) q * 2 * cols * 16;
                if (kind == BW_COLD || kind == READ_COLD) flush(codes, codeBytes);
                double start = now_ms();
                /* The tables are part of the request's work: spread to vectors here, as Java loads its own. */
#ifdef __AVX2__
                for (int s = 0; kind != SCALAR && kind != READ && kind != READ_COLD && s < 2 * cols; s++) {
                    __m128i t = _mm_loadu_si128((const __m128i *) (l + 16 * s));
                    if (kind == AVX2) t256[s] = _mm256_broadcastsi128_si256(t);
#ifdef __AVX512F__
                    else t512[s] = _mm512_broadcast_i32x4(t);
#endif
                }
#endif
                switch (kind) {
                    case SCALAR: scan_scalar(codes, blocks, cols, l, sums); break;
#ifdef __AVX2__
                    case AVX2: scan_avx2(codes, blocks, cols, t256, sums); break;
#endif
#ifdef __AVX512BW__
                    case BW: scan_bw(codes, blocks, cols, t512, sums); break;
                    case BW2: scan_bw2(codes, blocks, cols, t512, sums); break;
                    case BW_COLD: scan_bw(codes, blocks, cols, t512, sums); break;
#endif
#ifdef __AVX512VBMI__
                    case VBMI: scan_vbmi(codes, blocks, cols, t512, sums); break;
#endif
                    default: sink += read_all(codes, codeBytes); break;
                }
                double end = now_ms();
                if (r >= 0) times[n++] = end - start;
                if (kind != READ && kind != READ_COLD && r == 0 && checksum(sums, blocks) != want[q] && strcmp(check, "ok") == 0)
                    snprintf(check, sizeof check, "%s_differs_from_java_at_query_%d", NAMES[kind], q);
            }
        }
        p50[kind] = median(times, n);
    }
    printf("blocks=%d columns=%d", blocks, cols);
    for (int kind = 0; kind < KINDS; kind++) {
        if (p50[kind] < 0) printf(" %s_p50_ms=none", NAMES[kind]);
        else printf(" %s_p50_ms=%.4f", NAMES[kind], p50[kind]);
    }
    printf(" read_gb_s=%.1f read_cold_gb_s=%.1f check=%s\n", codeBytes / p50[READ] / 1e6,
           p50[READ_COLD] > 0 ? codeBytes / p50[READ_COLD] / 1e6 : 0.0, check);
    return strcmp(check, "ok") != 0 || sink == -1;
}
