#include "ocr_engine.h"
#include "page_loader.h"
#include <stdlib.h>
#include <string.h>

int ocr_engine_open(OCREngine *engine, const char *language) {
    memset(engine, 0, sizeof *engine);
    setMsgSeverity(L_SEVERITY_NONE);
    engine->text = TessBaseAPICreate();
    if (TessBaseAPIInit3(engine->text, NULL, language) != 0) {
        TessBaseAPIDelete(engine->text);
        engine->text = NULL;
        return 0;
    }
    // As `tesseract PAGE stdout -l fra --psm 4 --dpi 300 -c preserve_interword_spaces=1`.
    TessBaseAPISetPageSegMode(engine->text, PSM_SINGLE_COLUMN);
    TessBaseAPISetVariable(engine->text, "user_defined_dpi", "300");
    TessBaseAPISetVariable(engine->text, "preserve_interword_spaces", "1");
    TessBaseAPISetVariable(engine->text, "debug_file", "/dev/null");
    engine->osd = TessBaseAPICreate();
    if (TessBaseAPIInit3(engine->osd, NULL, "osd") != 0) {
        TessBaseAPIDelete(engine->osd);
        engine->osd = NULL;
    } else {
        // As `tesseract PAGE stdout --psm 0 --dpi 300 -l osd`.
        TessBaseAPISetPageSegMode(engine->osd, PSM_OSD_ONLY);
        TessBaseAPISetVariable(engine->osd, "user_defined_dpi", "300");
        TessBaseAPISetVariable(engine->osd, "debug_file", "/dev/null");
    }
    return 1;
}

void ocr_engine_close(OCREngine *engine) {
    if (engine->text) TessBaseAPIDelete(engine->text);
    if (engine->osd) TessBaseAPIDelete(engine->osd);
    pixDestroy(&engine->page);
    memset(engine, 0, sizeof *engine);
}

const char *ocr_engine_load(OCREngine *engine, const char *path, int orientation, int fit) {
    pixDestroy(&engine->page);
    const char *failure = NULL;
    engine->page = page_load(path, orientation, fit, &failure);
    return engine->page ? NULL : failure;
}

char *ocr_engine_recognise(OCREngine *engine, int rotation, size_t *size) {
    if (!engine->page || rotation % 90 != 0) return NULL;
    int quads = ((rotation / 90) % 4 + 4) % 4;
    PIX *turned = quads == 0 ? pixClone(engine->page) : pixRotateOrth(engine->page, quads);
    if (!turned) return NULL;
    TessBaseAPISetImage2(engine->text, turned);
    char *text = TessBaseAPIGetUTF8Text(engine->text);
    TessBaseAPIClear(engine->text);
    pixDestroy(&turned);
    if (!text) return NULL;
    *size = strlen(text);
    char *copy = malloc(*size + 1);
    if (copy) memcpy(copy, text, *size + 1);
    TessDeleteText(text);
    return copy;
}

int ocr_engine_orientation(OCREngine *engine, int *rotate, float *confidence) {
    if (!engine->osd || !engine->page) return 0;
    TessBaseAPISetImage2(engine->osd, engine->page);
    int degrees = 0;
    float orientation_confidence = 0, script_confidence = 0;
    // The script name points into tesseract's own tables: not to be freed, whatever capi.h says.
    const char *script = NULL;
    int ok = TessBaseAPIDetectOrientationScript(engine->osd, &degrees, &orientation_confidence, &script,
                                                &script_confidence);
    TessBaseAPIClear(engine->osd);
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
