#include "ocr_engine.h"
#include "page_loader.h"
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <math.h>

int ocr_engine_open(OCREngine *engine, const char *language) {
    memset(engine, 0, sizeof *engine);
    setMsgSeverity(L_SEVERITY_NONE);
    engine->text = TessBaseAPICreate();
    if (TessBaseAPIInit3(engine->text, NULL, language) != 0) {
        TessBaseAPIDelete(engine->text);
        engine->text = NULL;
        return 0;
    }
    // As `tesseract PAGE stdout -l fra --psm 4 --dpi 300 -c preserve_interword_spaces=1 tsv`.
    TessBaseAPISetPageSegMode(engine->text, PSM_SINGLE_COLUMN);
    TessBaseAPISetVariable(engine->text, "user_defined_dpi", "300");
    TessBaseAPISetVariable(engine->text, "preserve_interword_spaces", "1");
    TessBaseAPISetVariable(engine->text, "debug_file", "/dev/null");
    // The folder the language came from (it ends with a slash).
    const char *folder = TessBaseAPIGetDatapath(engine->text);
    size_t size = folder ? strlen(folder) + sizeof "osd.traineddata" : 0;
    char *osd_file = size ? malloc(size) : NULL;
    if (osd_file) {
        snprintf(osd_file, size, "%sosd.traineddata", folder);
        if (access(osd_file, R_OK) == 0) engine->osd_path = strdup(folder);
        free(osd_file);
    }
    return 1;
}

/// The OSD engine, loaded on first use; NULL when osd is not installed or cannot load.
static TessBaseAPI *osd_engine(OCREngine *engine) {
    if (engine->osd || !engine->osd_path) return engine->osd;
    engine->osd = TessBaseAPICreate();
    if (TessBaseAPIInit3(engine->osd, engine->osd_path, "osd") != 0) {
        TessBaseAPIDelete(engine->osd);
        engine->osd = NULL;
        free(engine->osd_path);
        engine->osd_path = NULL;
        return NULL;
    }
    // As `tesseract PAGE stdout --psm 0 --dpi 300 -l osd`.
    TessBaseAPISetPageSegMode(engine->osd, PSM_OSD_ONLY);
    TessBaseAPISetVariable(engine->osd, "user_defined_dpi", "300");
    TessBaseAPISetVariable(engine->osd, "debug_file", "/dev/null");
    return engine->osd;
}

void ocr_engine_close(OCREngine *engine) {
    if (engine->text) TessBaseAPIDelete(engine->text);
    if (engine->osd) TessBaseAPIDelete(engine->osd);
    free(engine->osd_path);
    pixDestroy(&engine->page);
    pixDestroy(&engine->unflattened);
    memset(engine, 0, sizeof *engine);
}

const char *ocr_engine_load(OCREngine *engine, const char *path, int orientation, int fit) {
    pixDestroy(&engine->page);
    pixDestroy(&engine->unflattened);
    const char *failure = NULL;
    engine->page = page_load(path, orientation, fit, &failure);
    engine->flattened = 0;
    engine->light_measured = 0;
    memset(engine->tilt_measured, 0, sizeof engine->tilt_measured);
    if (!engine->page) return failure;
    engine->light_measured = page_light_spread(engine->page, &engine->light_spread, &engine->light_step);
    // A shadow's edge across the page: every reading of it is made with its light evened out, the first included.
    if (engine->light_measured && engine->light_step > LIGHT_STEP_MARGIN) {
        PIX *flat = page_flatten_light(engine->page);
        if (flat) {
            engine->unflattened = engine->page;
            engine->page = flat;
            engine->flattened = 1;
        }
    }
    return NULL;
}

char *ocr_engine_recognise(OCREngine *engine, int rotation, int block, int flat, size_t *size) {
    if (!engine->page || rotation % 90 != 0) return NULL;
    int quads = ((rotation / 90) % 4 + 4) % 4;
    // A page evened out as it was loaded is read flat in its light as loaded: the other of its two lights.
    PIX *source = !flat ? pixClone(engine->page)
                  : engine->unflattened ? pixClone(engine->unflattened)
                  : page_flatten_light(engine->page);
    if (!source) return NULL;
    PIX *turned = quads == 0 ? pixClone(source) : pixRotateOrth(source, quads);
    pixDestroy(&source);
    if (!turned) return NULL;
    float angle = 0, confidence = 0;
    int straightened = 0;
    if (block && ocr_engine_tilt(engine, rotation, &angle, &confidence, &straightened) && straightened) {
        PIX *level = page_straighten(turned, angle);
        if (level) {
            pixDestroy(&turned);
            turned = level;
        }
    }
    if (block) TessBaseAPISetPageSegMode(engine->text, PSM_SINGLE_BLOCK);
    TessBaseAPISetImage2(engine->text, turned);
    // Words with their boxes (TSV): the reader lays them out by position (OCRLayout.swift).
    char *text = TessBaseAPIGetTsvText(engine->text, 0);
    TessBaseAPIClear(engine->text);
    if (block) TessBaseAPISetPageSegMode(engine->text, PSM_SINGLE_COLUMN);
    pixDestroy(&turned);
    if (!text) return NULL;
    *size = strlen(text);
    char *copy = malloc(*size + 1);
    if (copy) memcpy(copy, text, *size + 1);
    TessDeleteText(text);
    return copy;
}

int ocr_engine_tilt(OCREngine *engine, int rotation, float *angle, float *confidence, int *straightened) {
    if (!engine->page || rotation % 90 != 0) return 0;
    int quads = ((rotation / 90) % 4 + 4) % 4;
    if (!engine->tilt_measured[quads]) {
        PIX *turned = quads == 0 ? pixClone(engine->page) : pixRotateOrth(engine->page, quads);
        float a = 0, c = 0;
        int ok = turned && page_tilt(turned, &a, &c);
        pixDestroy(&turned);
        engine->tilt_measured[quads] = ok ? 1 : 2;
        engine->tilt[quads] = a;
        engine->tilt_confidence[quads] = c;
    }
    if (engine->tilt_measured[quads] != 1) return 0;
    *angle = engine->tilt[quads];
    *confidence = engine->tilt_confidence[quads];
    *straightened = fabsf(*angle) >= TILT_STRAIGHTEN_DEGREES && *confidence >= TILT_MIN_CONFIDENCE;
    return 1;
}

char *ocr_engine_recognise_zone(OCREngine *engine, int rotation, int x, int y, int width, int height) {
    if (!engine->page || rotation % 90 != 0 || width <= 0 || height <= 0) return NULL;
    int quads = ((rotation / 90) % 4 + 4) % 4;
    PIX *turned = quads == 0 ? pixClone(engine->page) : pixRotateOrth(engine->page, quads);
    if (!turned) return NULL;
    BOX *box = boxCreateValid(x, y, width, height);
    PIX *zone = box ? pixClipRectangle(turned, box, NULL) : NULL;
    boxDestroy(&box);
    pixDestroy(&turned);
    if (!zone) return NULL;
    TessBaseAPISetPageSegMode(engine->text, PSM_SINGLE_LINE);
    TessBaseAPISetImage2(engine->text, zone);
    char *text = TessBaseAPIGetUTF8Text(engine->text);
    TessBaseAPIClear(engine->text);
    TessBaseAPISetPageSegMode(engine->text, PSM_SINGLE_COLUMN);
    pixDestroy(&zone);
    if (!text) return NULL;
    char *copy = strdup(text);
    TessDeleteText(text);
    return copy;
}

int ocr_engine_orientation(OCREngine *engine, int *rotate, float *confidence) {
    TessBaseAPI *osd = engine->page ? osd_engine(engine) : NULL;
    if (!osd) return 0;
    TessBaseAPISetImage2(osd, engine->page);
    int degrees = 0;
    float orientation_confidence = 0, script_confidence = 0;
    // The script name points into tesseract's own tables: not to be freed, whatever capi.h says.
    const char *script = NULL;
    int ok = TessBaseAPIDetectOrientationScript(osd, &degrees, &orientation_confidence, &script, &script_confidence);
    TessBaseAPIClear(osd);
    if (!ok) return 0;
    // tesseract reports how the page is turned; putting it upright takes the opposite rotation.
    *rotate = (360 - degrees) % 360;
    *confidence = orientation_confidence;
    return 1;
}

int ocr_engine_orientation_measures(OCREngine *engine, float *up, float *left) {
    if (!engine->page) return 0;
    PIX *binary = pixConvertTo1(engine->page, 130);
    if (!binary) return 0;
    int failed = pixOrientDetect(binary, up, left, 0, 0);
    pixDestroy(&binary);
    return failed == 0;
}
