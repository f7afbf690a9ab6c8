#include "page_loader.h"
#include "page_enlarger.h"
#include <stdio.h>
#include <math.h>
#include <string.h>

/// Binary 8-bit PGM (what pdftoppm -gray and ImageMagick write) read row by row: leptonica's PNM reader
/// takes about 0.15 s for an A4 page at 300 dpi, this about a hundredth of it. NULL when not such a file.
static PIX *read_pgm(const char *path) {
    FILE *file = fopen(path, "rb");
    if (!file) return NULL;
    int fields[3] = {0, 0, 0};
    int c = 0;
    if (fgetc(file) != 'P' || fgetc(file) != '5') { fclose(file); return NULL; }
    for (int i = 0; i < 3; i++) {
        do {
            c = fgetc(file);
            if (c == '#') while (c != '\n' && c != EOF) c = fgetc(file);
        } while (c == ' ' || c == '\t' || c == '\r' || c == '\n');
        if (c < '0' || c > '9') { fclose(file); return NULL; }
        while (c >= '0' && c <= '9') {
            if (fields[i] > 100000) { fclose(file); return NULL; }
            fields[i] = fields[i] * 10 + (c - '0');
            c = fgetc(file);
        }
    }
    int width = fields[0], height = fields[1];
    // One whitespace byte ends the header (already read as `c`).
    if (fields[2] != 255 || width <= 0 || height <= 0 || (c != ' ' && c != '\t' && c != '\r' && c != '\n') ||
        width > PAGE_MAX_SIDE || height > PAGE_MAX_SIDE || (double)width * height > PAGE_MAX_AREA) {
        fclose(file);
        return NULL;
    }
    PIX *pix = pixCreate(width, height, 8);
    if (!pix) { fclose(file); return NULL; }
    l_uint32 *data = pixGetData(pix);
    int wpl = pixGetWpl(pix);
    for (int y = 0; y < height; y++) {
        if (fread(data + (size_t)y * wpl, 1, (size_t)width, file) != (size_t)width) {
            pixDestroy(&pix);
            fclose(file);
            return NULL;
        }
    }
    fclose(file);
    // Leptonica keeps pixels in 32-bit words, most significant byte first.
    pixEndianByteSwap(pix);
    return pix;
}

/// Any format leptonica reads, once its header shows a size within the limits.
static PIX *read_any(const char *path, const char **failure) {
    l_int32 format = 0, width = 0, height = 0, bps = 0, spp = 0, colormap = 0;
    if (pixReadHeader(path, &format, &width, &height, &bps, &spp, &colormap) != 0) {
        *failure = "unknown format";
        return NULL;
    }
    if (width <= 0 || height <= 0 || width > PAGE_MAX_SIDE || height > PAGE_MAX_SIDE ||
        (double)width * height > PAGE_MAX_AREA) {
        *failure = "image too large";
        return NULL;
    }
    PIX *pix = pixRead(path);
    if (!pix) *failure = "cannot decode";
    return pix;
}

/// Gray as ImageMagick's `-colorspace Gray` makes it: gray scans as they are (8 bits); colour as Rec. 709 luma
/// kept at 16 bits (ImageMagick's Q16), rounded to 8 bits only after resizing; transparency on white.
static PIX *to_gray(PIX *pix) {
    PIX *opaque = pixGetSpp(pix) == 4 ? pixAlphaBlendUniform(pix, 0xffffff00) : pixClone(pix);
    if (!opaque) return NULL;
    PIX *gray = NULL;
    if (pixGetDepth(opaque) == 8 && !pixGetColormap(opaque)) {
        gray = pixClone(opaque);
    } else if (pixGetDepth(opaque) == 32) {
        int width = pixGetWidth(opaque), height = pixGetHeight(opaque);
        gray = pixCreate(width, height, 16);
        if (gray) {
            l_uint32 *in = pixGetData(opaque), *out = pixGetData(gray);
            int in_wpl = pixGetWpl(opaque), out_wpl = pixGetWpl(gray);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    l_int32 r, g, b;
                    extractRGBValues(in[y * in_wpl + x], &r, &g, &b);
                    double luma = 257.0 * (0.212656 * r + 0.715158 * g + 0.072186 * b);
                    SET_DATA_TWO_BYTES(out + y * out_wpl, x, (l_uint16)(luma + 0.5));
                }
            }
        }
    } else {
        gray = pixConvertTo8(opaque, 0);
    }
    pixDestroy(&opaque);
    return gray;
}

/// EXIF orientations: 3 = turned 180°, 6 = needs 90° clockwise, 8 = needs 270°; 2, 4, 5, 7 are mirrored.
static PIX *upright(PIX *pix, int orientation) {
    int quads = 0, mirror = 0;
    switch (orientation) {
    case 2: mirror = 1; break;
    case 3: quads = 2; break;
    case 4: quads = 2; mirror = 1; break;
    case 5: quads = 1; mirror = 1; break;
    case 6: quads = 1; break;
    case 7: quads = 3; mirror = 1; break;
    case 8: quads = 3; break;
    default: break;
    }
    PIX *turned = quads ? pixRotateOrth(pix, quads) : pixClone(pix);
    if (!turned || !mirror) return turned;
    PIX *flipped = pixFlipLR(NULL, turned);
    pixDestroy(&turned);
    return flipped;
}

PIX *page_load(const char *path, int orientation, int fit, const char **failure) {
    *failure = NULL;
    PIX *read = read_pgm(path);
    if (!read) read = read_any(path, failure);
    if (!read) return NULL;
    PIX *gray = to_gray(read);
    pixDestroy(&read);
    if (!gray) { *failure = "cannot convert to gray"; return NULL; }
    PIX *turned = upright(gray, orientation);
    pixDestroy(&gray);
    if (!turned) { *failure = "cannot turn"; return NULL; }
    int width = pixGetWidth(turned), height = pixGetHeight(turned);
    // As ImageMagick's `-resize FITxFIT<`: the longer side becomes `fit`, the other keeps the proportion.
    int enlarge = fit > 0 && width < fit && height < fit;
    if (!enlarge && pixGetDepth(turned) == 8) return turned;
    double scale = enlarge ? (double)fit / (double)(width > height ? width : height) : 1.0;
    PIX *enlarged = page_enlarge(turned, (int)floor(scale * width + 0.5), (int)floor(scale * height + 0.5));
    pixDestroy(&turned);
    if (!enlarged) *failure = "cannot resize";
    return enlarged;
}

PIX *page_flatten_light(PIX *page) {
    return page && pixGetDepth(page) == 8 ? pixBackgroundNormSimple(page, NULL, NULL) : NULL;
}

int page_tilt(PIX *page, float *angle, float *confidence) {
    if (!page || pixGetDepth(page) != 8) return 0;
    PIX *flat = page_flatten_light(page);
    // Paper at 200 after evening out; the text stays well below the threshold.
    PIX *binary = flat ? pixConvertTo1(flat, 130) : NULL;
    pixDestroy(&flat);
    if (!binary) return 0;
    l_float32 a = 0, c = 0;
    int failed = pixFindSkew(binary, &a, &c);
    pixDestroy(&binary);
    if (failed) return 0;
    *angle = a;
    *confidence = c;
    return 1;
}

PIX *page_straighten(PIX *page, float angle) {
    if (!page || pixGetDepth(page) != 8) return NULL;
    return pixRotate(page, (l_float32)(angle * 3.14159265358979 / 180.0), L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0);
}

/// The paper's level in one tile: the gray value 95 % of its pixels (every other row and column) do not exceed, the
/// text's dark pixels being fewer than that in any tile of a statement.
static int paper_level(PIX *page, int x0, int y0, int x1, int y1) {
    unsigned counts[256] = {0};
    unsigned total = 0;
    l_uint32 *data = pixGetData(page);
    int wpl = pixGetWpl(page);
    for (int y = y0; y < y1; y += 2) {
        l_uint32 *line = data + (size_t)y * (size_t)wpl;
        for (int x = x0; x < x1; x += 2) {
            counts[GET_DATA_BYTE(line, x)]++;
            total++;
        }
    }
    unsigned above = 0;
    for (int v = 255; v > 0; v--) {
        above += counts[v];
        if (above * 20 >= total) return v;
    }
    return 0;
}

int page_light_spread(PIX *page, float *spread, float *step) {
    if (!page || pixGetDepth(page) != 8) return 0;
    int width = pixGetWidth(page), height = pixGetHeight(page);
    // The middle of the photo only: a photo's edges may show the table the page lies on.
    int x0 = width * 15 / 100, y0 = height * 15 / 100, x1 = width * 85 / 100, y1 = height * 85 / 100;
    int tile = (x1 - x0 < y1 - y0 ? x1 - x0 : y1 - y0) / LIGHT_TILES;
    if (tile < 8) return 0;
    int columns = (x1 - x0) / tile, rows = (y1 - y0) / tile;
    if (columns > 4 * LIGHT_TILES || rows > 4 * LIGHT_TILES) return 0;
    int levels[4 * LIGHT_TILES][4 * LIGHT_TILES];
    int lowest = 255, highest = 0;
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < columns; c++) {
            int x = x0 + c * tile, y = y0 + r * tile;
            int level = paper_level(page, x, y, x + tile, y + tile);
            levels[r][c] = level;
            if (level < lowest) lowest = level;
            if (level > highest) highest = level;
        }
    }
    float steepest = 0;
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < columns; c++) {
            int here = levels[r][c];
            int next[2] = {c + 1 < columns ? levels[r][c + 1] : -1, r + 1 < rows ? levels[r + 1][c] : -1};
            for (int k = 0; k < 2; k++) {
                if (next[k] < 0) continue;
                int low = here < next[k] ? here : next[k], high = here < next[k] ? next[k] : here;
                float s = high > 0 ? 1.0f - (float)low / (float)high : 0;
                if (s > steepest) steepest = s;
            }
        }
    }
    *spread = highest > 0 ? 1.0f - (float)lowest / (float)highest : 0;
    *step = steepest;
    return 1;
}
