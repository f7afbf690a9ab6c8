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
#endif
