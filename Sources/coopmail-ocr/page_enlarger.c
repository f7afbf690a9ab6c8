#include "page_enlarger.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/// The source pixels and weights that make one output pixel along an axis (at most 3 for an enlargement).
typedef struct {
    long start;
    int count;
    double weight[4];
} Contribution;

static Contribution *contributions(long source, long target) {
    Contribution *all = calloc((size_t)target, sizeof *all);
    if (!all) return NULL;
    double factor = (double)target / (double)source;
    const double support = 1.0;  // triangle filter, not widened when enlarging
    for (long i = 0; i < target; i++) {
        double centre = (i + 0.5) / factor + 1.0e-12;
        long start = (long)fmax(centre - support + 0.5, 0.0);
        long stop = (long)fmin(centre + support + 0.5, (double)source);
        double density = 0;
        int n = 0;
        for (long j = start; j < stop && n < 4; j++, n++) {
            double distance = fabs((double)j - centre + 0.5);
            all[i].weight[n] = distance < 1.0 ? 1.0 - distance : 0.0;
            density += all[i].weight[n];
        }
        if (density != 0.0 && density != 1.0)
            for (int k = 0; k < n; k++) all[i].weight[k] /= density;
        all[i].start = start;
        all[i].count = n;
    }
    return all;
}

static uint16_t clamp_quantum(double value) {
    if (value <= 0) return 0;
    if (value >= 65535.0) return 65535;
    return (uint16_t)(value + 0.5);
}

/// One pass along rows (`horizontal`) or columns; `in` is width x height, `out` the resized size.
static int filter_pass(const uint16_t *in, long width, long height, uint16_t *out, long out_width,
                       long out_height, int horizontal) {
    Contribution *table = horizontal ? contributions(width, out_width) : contributions(height, out_height);
    if (!table) return 0;
    if (horizontal) {
        for (long y = 0; y < out_height; y++) {
            const uint16_t *row = in + y * width;
            uint16_t *target = out + y * out_width;
            for (long x = 0; x < out_width; x++) {
                const Contribution *c = &table[x];
                double sum = 0;
                for (int k = 0; k < c->count; k++) sum += c->weight[k] * row[c->start + k];
                target[x] = clamp_quantum(sum);
            }
        }
    } else {
        for (long y = 0; y < out_height; y++) {
            const Contribution *c = &table[y];
            uint16_t *target = out + y * out_width;
            for (long x = 0; x < out_width; x++) {
                double sum = 0;
                for (int k = 0; k < c->count; k++) sum += c->weight[k] * in[(c->start + k) * width + x];
                target[x] = clamp_quantum(sum);
            }
        }
    }
    free(table);
    return 1;
}

PIX *page_enlarge(PIX *gray, int width, int height) {
    long w = pixGetWidth(gray), h = pixGetHeight(gray);
    double x_factor = (double)width / (double)w, y_factor = (double)height / (double)h;
    int horizontal_first = x_factor > y_factor;
    long mid_w = horizontal_first ? width : w, mid_h = horizontal_first ? h : height;
    uint16_t *source = malloc((size_t)w * h * sizeof *source);
    int same = width == w && height == h;
    uint16_t *middle = same ? NULL : malloc((size_t)mid_w * mid_h * sizeof *middle);
    uint16_t *target = malloc((size_t)width * height * sizeof *target);
    PIX *result = NULL;
    if (source && (middle || same) && target) {
        l_uint32 *data = pixGetData(gray);
        int wpl = pixGetWpl(gray), wide = pixGetDepth(gray) == 16;
        for (long y = 0; y < h; y++)
            for (long x = 0; x < w; x++)
                source[y * w + x] = wide ? (uint16_t)GET_DATA_TWO_BYTES(data + y * wpl, x)
                                         : (uint16_t)(GET_DATA_BYTE(data + y * wpl, x) * 257);
        if (same) memcpy(target, source, (size_t)w * h * sizeof *target);
        if ((same || (filter_pass(source, w, h, middle, mid_w, mid_h, horizontal_first) &&
                      filter_pass(middle, mid_w, mid_h, target, width, height, !horizontal_first))) &&
            (result = pixCreate(width, height, 8)) != NULL) {
            l_uint32 *out = pixGetData(result);
            int out_wpl = pixGetWpl(result);
            for (long y = 0; y < height; y++)
                for (long x = 0; x < width; x++) {
                    // 16 bits to 8 as ImageMagick writes `-depth 8` (truncated, checked against its output).
                    SET_DATA_BYTE(out + y * out_wpl, x, (l_uint8)(target[y * width + x] / 257));
                }
        }
    }
    free(source);
    free(middle);
    free(target);
    return result;
}
