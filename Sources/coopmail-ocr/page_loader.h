// Reading one page raster for coopmail-ocr, within the limits ImageMagick had in coopmail's policy.
#ifndef COOPMAIL_OCR_PAGE_LOADER_H
#define COOPMAIL_OCR_PAGE_LOADER_H
#include <leptonica/allheaders.h>

/// Largest side and area accepted, checked on the file's header before decoding (decompression bombs).
#define PAGE_MAX_SIDE 20000
#define PAGE_MAX_AREA (128.0 * 1000 * 1000)

/// The page at `path` as 8-bit gray, put upright by its EXIF `orientation` (1-8) and enlarged to fit `fit`
/// pixels a side when both sides are smaller (0: never); NULL with `*failure` set when it cannot be read.
PIX *page_load(const char *path, int orientation, int fit, const char **failure);

/// A copy of the loaded 8-bit `page` with its light evened out (a phone's or a hand's shadow, a lamp's gradient):
/// leptonica's background normalisation brings the paper everywhere to one level (200), the text keeping its contrast
/// with it, so that tesseract's global (Otsu) threshold no longer blackens or wipes out the text lying in a shadow.
/// NULL when it cannot be made (a tiny image).
PIX *page_flatten_light(PIX *page);

/// How far the 8-bit `page`'s text lines are tilted (a statement photographed a few degrees askew): leptonica's skew
/// search (pixFindSkew, ±7°) on the page binarised after its light is evened out (the table around a photographed
/// sheet then counts as paper, not ink). `angle` is the clockwise rotation in degrees that levels the lines, `confidence`
/// leptonica's (the best sweep score against the worst, 0 when the page holds too little text to say). 0 on failure.
int page_tilt(PIX *page, float *angle, float *confidence);

/// The tilt beyond which a page is straightened (page_straighten) before its block reading: below it, tesseract's
/// own line finding follows the rows; at 1.5° and more a photo's rows across a wide statement cut or join lines and
/// drop its narrow date column (PhotoStatementTiltTests).
#define TILT_STRAIGHTEN_DEGREES 1.0f
/// The least leptonica confidence in a measured tilt for the page to be straightened (pixDeskew's own bar).
#define TILT_MIN_CONFIDENCE 3.0f

/// A copy of the 8-bit `page` turned `angle` degrees clockwise about its centre (area-mapped, white brought in at the
/// corners), same size; NULL when it cannot be made.
PIX *page_straighten(PIX *page, float angle);

/// Tiles across the shorter side of the middle of the page where its light is measured.
#define LIGHT_TILES 10

/// How unevenly the 8-bit `page` is lit, measured on the paper's level (the light part of each tile of the middle
/// of the photo, LIGHT_TILES across): `spread`, the darkest tile's shortfall on the lightest (0: even, 0.4: 40 %
/// darker), and `step`, the largest such shortfall between two neighbouring tiles (a shadow's edge is steep, a lamp's
/// gradient gentle). 0 when the page is too small to measure.
int page_light_spread(PIX *page, float *spread, float *step);

/// The `step` beyond which a page is evened out before its first reading. Measured with the worker's `light` request:
/// on the 90 phone photos and rotated scans of the mail corpus (seeds 1 and 2, scripts/make-mail-corpus.py: a lamp's
/// gradient down to 69 %), at most 0.081; on 128 photos with a shadow band (scripts/make-photo-variants.py shadow and
/// mix, seeds 1 to 4), at least 0.292. The margin lies between, about twice the first and two thirds of the second.
#define LIGHT_STEP_MARGIN 0.18f
#endif
