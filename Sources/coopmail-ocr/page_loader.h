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
#endif
