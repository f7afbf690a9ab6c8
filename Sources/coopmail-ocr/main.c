// coopmail-ocr: a persistent OCR worker for coopmail's reader (Sources/CoopmailReading/OCR/OCRWorker.swift).
// It loads the tesseract model once, then answers requests read on standard input, one line each:
//
//   page <orientation> <fit> <path>  load the page to read next: a raster leptonica reads (PGM, PNG, JPEG),
//                                    turned upright by its EXIF orientation (1-8, 1 = as stored), converted
//                                    to gray and enlarged to fit <fit> pixels a side when both sides
//                                    are smaller (0: never), as ImageMagick would -> "page <width> <height>"
//   osd                              orientation of the loaded page            -> "osd <rotate> <confidence>"
//                                    (tesseract OSD: clockwise degrees that put it upright)
//   orient                           leptonica's quick orientation measures    -> "orient <up> <left>"
//                                    (ascenders against descenders: > 0 upright / turned left, < 0 upside
//                                    down / turned right; near 0 unsure)
//   light                            how unevenly the loaded page was lit     -> "light <spread> <step> <flat>"
//                                    (page_light_spread: the darkest paper's shortfall on the lightest,
//                                    and the largest between neighbouring tiles, 0-1; flat 1 when the page
//                                    was evened out as it was loaded, its step beyond LIGHT_STEP_MARGIN)
//   ocr <rotation> [block|flat]      text of the loaded page turned <rotation> degrees clockwise
//                                    (tesseract --psm 4, 300 dpi; with `block`, --psm 6: one uniform block,
//                                    which keeps columns psm 4 drops on some photos, made on the page
//                                    straightened when it is tilted, see `tilt`; with `flat`, a copy
//                                    of the page with its light evened out: the text in a shadow survives;
//                                    for a page evened out as it was loaded, the page in its light as
//                                    loaded: `flat` always reads it in the other light than plain `ocr`)
//                                                                              -> "text <n>" + n bytes UTF-8
//   tilt <rotation>                  how far the loaded page turned <rotation> degrees clockwise is tilted
//                                    -> "tilt <angle> <confidence> <straightened>" (page_tilt: clockwise
//                                    degrees that level its lines, leptonica's confidence; straightened 1
//                                    when `ocr <rotation> block` reads it straightened: beyond
//                                    TILT_STRAIGHTEN_DEGREES with TILT_MIN_CONFIDENCE)
//   zone <rotation> <x> <y> <w> <h>  text of that rectangle (pixels) of the loaded page turned <rotation>
//                                    degrees clockwise, read as one line (--psm 7): one amount read again
//                                    on its own                              -> "text <n>" + n bytes UTF-8
//
// <path> is the rest of the line. A request that fails answers "error <reason>". The worker first prints
// "ready <osd>" (osd 1 when orientation detection is installed) and exits at the end of its input.
// coopmail starts it under prlimit with OMP_THREAD_LIMIT=1 in its environment, one worker per core, and
// kills it when a page outlives its timeout.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ocr_engine.h"
#include "page_loader.h"

static void answer_page(OCREngine *engine, char *arguments) {
    char *end = NULL;
    long orientation = strtol(arguments, &end, 10);
    if (end == arguments || *end != ' ') { printf("error bad request\n"); return; }
    char *fit_start = end + 1;
    long fit = strtol(fit_start, &end, 10);
    if (end == fit_start || *end != ' ' || fit < 0 || fit > 20000) { printf("error bad request\n"); return; }
    const char *failure = ocr_engine_load(engine, end + 1, (int)orientation, (int)fit);
    if (failure) { printf("error %s\n", failure); return; }
    printf("page %d %d\n", pixGetWidth(engine->page), pixGetHeight(engine->page));
}

static void answer_ocr(OCREngine *engine, char *arguments) {
    char *end = NULL;
    long rotation = strtol(arguments, &end, 10);
    if (end == arguments) { printf("error bad request\n"); return; }
    int block = 0, flat = 0;
    if (strcmp(end, " block") == 0) block = 1;
    else if (strcmp(end, " flat") == 0) flat = 1;
    else if (*end != '\0') { printf("error bad request\n"); return; }
    size_t size = 0;
    char *text = ocr_engine_recognise(engine, (int)rotation, block, flat, &size);
    if (!text) { printf("error no text\n"); return; }
    printf("text %zu\n", size);
    fwrite(text, 1, size, stdout);
    free(text);
}

static void answer_zone(OCREngine *engine, char *arguments) {
    long v[5];
    char *cursor = arguments;
    for (int i = 0; i < 5; i++) {
        char *end = NULL;
        v[i] = strtol(cursor, &end, 10);
        if (end == cursor || *end != (i < 4 ? ' ' : '\0')) { printf("error bad request\n"); return; }
        cursor = end;
    }
    // Coordinates on a page at most PAGE_MAX_SIDE pixels a side (page_loader.h), and a rectangle at least one pixel.
    for (int i = 1; i < 5; i++) {
        if (v[i] < (i >= 3 ? 1 : 0) || v[i] > PAGE_MAX_SIDE) { printf("error bad request\n"); return; }
    }
    char *text = ocr_engine_recognise_zone(engine, (int)v[0], (int)v[1], (int)v[2], (int)v[3], (int)v[4]);
    if (!text) { printf("error no text\n"); return; }
    size_t size = strlen(text);
    printf("text %zu\n", size);
    fwrite(text, 1, size, stdout);
    free(text);
}

static void answer_tilt(OCREngine *engine, char *arguments) {
    char *end = NULL;
    long rotation = strtol(arguments, &end, 10);
    if (end == arguments || *end != '\0') { printf("error bad request\n"); return; }
    float angle = 0, confidence = 0;
    int straightened = 0;
    if (ocr_engine_tilt(engine, (int)rotation, &angle, &confidence, &straightened)) {
        printf("tilt %.2f %.2f %d\n", angle, confidence, straightened);
    } else {
        printf("error no tilt\n");
    }
}

static void answer_light(OCREngine *engine) {
    if (engine->page && engine->light_measured) {
        printf("light %.3f %.3f %d\n", engine->light_spread, engine->light_step, engine->flattened);
    } else {
        printf("error no light\n");
    }
}

static void answer_osd(OCREngine *engine) {
    int rotate = 0;
    float confidence = 0;
    if (ocr_engine_orientation(engine, &rotate, &confidence)) {
        printf("osd %d %.2f\n", rotate, confidence);
    } else {
        printf("error no orientation\n");
    }
}

static void answer_orient(OCREngine *engine) {
    float up = 0, left = 0;
    if (ocr_engine_orientation_measures(engine, &up, &left)) {
        printf("orient %.2f %.2f\n", up, left);
    } else {
        printf("error no orientation\n");
    }
}

int main(int argc, char **argv) {
    const char *language = argc > 1 ? argv[1] : "fra";
    OCREngine engine;
    if (!ocr_engine_open(&engine, language)) {
        printf("error cannot load language %s\n", language);
        return 2;
    }
    printf("ready %d\n", engine.osd_path != NULL);
    fflush(stdout);
    char line[8192];
    for (;;) {
        // Cleared first, so that the line feed found below is this request's (fgets does not say how many bytes
        // it read, and a NUL byte inside a request would hide the rest from strlen).
        memset(line, 0, sizeof line);
        if (fgets(line, sizeof line, stdin) == NULL) break;
        char *newline = memchr(line, '\n', sizeof line);
        if (newline == NULL) {
            // Too long for a request: skip the rest of the line.
            int c;
            while ((c = getchar()) != EOF && c != '\n') {}
            printf("error request too long\n");
        } else if (memchr(line, '\0', (size_t)(newline - line)) != NULL) {
            printf("error bad request\n");
        } else {
            *newline = '\0';
            if (strncmp(line, "page ", 5) == 0) answer_page(&engine, line + 5);
            else if (strncmp(line, "ocr ", 4) == 0) answer_ocr(&engine, line + 4);
            else if (strncmp(line, "zone ", 5) == 0) answer_zone(&engine, line + 5);
            else if (strncmp(line, "tilt ", 5) == 0) answer_tilt(&engine, line + 5);
            else if (strcmp(line, "osd") == 0) answer_osd(&engine);
            else if (strcmp(line, "orient") == 0) answer_orient(&engine);
            else if (strcmp(line, "light") == 0) answer_light(&engine);
            else printf("error bad request\n");
        }
        fflush(stdout);
    }
    ocr_engine_close(&engine);
    return 0;
}
