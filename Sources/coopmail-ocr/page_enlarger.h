// Enlarging small photos and scans for OCR the way coopmail always did with ImageMagick.
#ifndef COOPMAIL_OCR_PAGE_ENLARGER_H
#define COOPMAIL_OCR_PAGE_ENLARGER_H
#include <leptonica/allheaders.h>

/// `gray` (8 bpp, or 16 bpp for ImageMagick's 16-bit gray of a colour image) at `width` x `height` and 8 bpp, as
/// `convert -filter Triangle -resize ... -depth 8` makes it with ImageMagick 6 (Q16): two separable passes of
/// triangle weights on pixel centres, the wider factor first, 16-bit intermediate values, truncated to 8 bits.
/// At the same size, only the 8-bit rounding. OCR is sensitive to the exact pixels: leptonica's own scaling reads
/// some amounts differently. NULL when out of memory.
PIX *page_enlarge(PIX *gray, int width, int height);
#endif
