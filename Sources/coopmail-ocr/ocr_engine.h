// The tesseract engines of one coopmail-ocr worker and the page being read.
#ifndef COOPMAIL_OCR_ENGINE_H
#define COOPMAIL_OCR_ENGINE_H
#include <stddef.h>
#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

typedef struct {
    TessBaseAPI *text;   // the language model (fra), loaded once
    char *osd_path;      // osd.traineddata's folder when installed, else NULL
    TessBaseAPI *osd;    // orientation detection, loaded at its first use (most pages never need it)
    PIX *page;           // the page loaded by the last `page` request, 8-bit gray
    int flattened;       // 1 when its light was evened out as it was loaded (a shadow across it)
    PIX *unflattened;    // then the page as loaded, before its light was evened out; else NULL
    int light_measured;  // 1 when its light was measured as it was loaded (page_light_spread), before any evening out
    float light_spread, light_step;
    int tilt_measured[4];  // per quarter turn of the page: 1 once its tilt was measured (ocr_engine_tilt), 2 when it failed
    float tilt[4], tilt_confidence[4];
} OCREngine;

/// Loads `language` and looks for osd; 0 when the language cannot be loaded.
int ocr_engine_open(OCREngine *engine, const char *language);
void ocr_engine_close(OCREngine *engine);

/// Loads the page to read (see page_loader.h); NULL on success, else the reason. A page whose light steps by more
/// than LIGHT_STEP_MARGIN between neighbouring tiles (page_light_spread: the edge of a shadow across it, not a lamp's
/// gentle gradient) is kept with its light evened out (page_flatten_light), for every reading.
const char *ocr_engine_load(OCREngine *engine, const char *path, int orientation, int fit);

/// The text of the loaded page turned `rotation` degrees clockwise (0, 90, 180, 270), malloc'd, or NULL. `block`
/// reads the page as one uniform block of text (psm 6) instead of a single column (psm 4); `flat` reads a copy of the
/// page with its light evened out (page_flatten_light). A `block` reading is made on the page straightened when it is
/// tilted (ocr_engine_tilt); no other reading is: their word boxes hold on the page as loaded. A `flat` reading reads a copy of the
/// page with its light evened out (page_flatten_light), or, for a page evened out as it was loaded, the page in its light
/// as loaded: a flat reading is always the other light than the first reading's.
char *ocr_engine_recognise(OCREngine *engine, int rotation, int block, int flat, size_t *size);

/// The tilt of the loaded page turned `rotation` degrees clockwise (page_tilt), measured once per turn and kept:
/// `angle` in clockwise degrees that level it, leptonica's `confidence`, and `straightened` 1 when a block reading of
/// that turn is made on the page straightened (|angle| >= TILT_STRAIGHTEN_DEGREES with confidence >= TILT_MIN_CONFIDENCE).
/// 0 on failure.
int ocr_engine_tilt(OCREngine *engine, int rotation, float *angle, float *confidence, int *straightened);

/// The text (UTF-8, malloc'd, or NULL) of the rectangle `x`, `y`, `width` × `height` (pixels) of the loaded page turned
/// `rotation` degrees clockwise, read as one line of text (psm 7): an amount read again on its own, cut out of the page,
/// when one OCR slip in it would make a statement add up in more than one way (StatementReader+AmountDoubts.swift). The
/// rectangle is clipped to the page; NULL when nothing of it is left.
char *ocr_engine_recognise_zone(OCREngine *engine, int rotation, int x, int y, int width, int height);

/// The clockwise rotation that puts the loaded page upright and tesseract's confidence in it; 0 on failure.
int ocr_engine_orientation(OCREngine *engine, int *rotate, float *confidence);
/// Leptonica's orientation measures of the loaded page (a few hundredths of a second, against tesseract OSD's
/// half second): `up` > 0 when the text stands upright, < 0 upside down; `left` > 0 when its top points left,
/// < 0 right. 0 on failure.
int ocr_engine_orientation_measures(OCREngine *engine, float *up, float *left);
#endif
