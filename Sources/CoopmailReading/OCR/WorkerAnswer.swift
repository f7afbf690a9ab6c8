/// One answer of a `coopmail-ocr` worker (Sources/coopmail-ocr/main.c describes the protocol).
enum WorkerAnswer: Equatable, Sendable {
    /// `ready <osd>`: the model is loaded; `osd` when orientation detection is installed.
    case ready(osd: Bool)
    /// `page <width> <height>`: the page is loaded.
    case page(width: Int, height: Int)
    /// `osd <rotate> <confidence>`: clockwise degrees that put the page upright.
    case orientation(rotate: Int, confidence: Double)
    /// `orient <up> <left>`: leptonica's quick orientation measures (see ``OrientationHint``).
    case orientationMeasures(up: Double, left: Double)
    /// `light <spread> <step> <flat>`: how unevenly the loaded page was lit, and whether it was evened out as it was
    /// loaded (a shadow's edge across it: every reading of it is then made flat).
    case light(spread: Double, step: Double, flat: Bool)
    /// `tilt <angle> <confidence> <straightened>`: how far the page turned a given way is tilted (clockwise degrees
    /// that level its lines, leptonica's confidence), and whether its block reading is made on it straightened.
    case tilt(angle: Double, confidence: Double, straightened: Bool)
    /// `text <n>`: header of a text answer, before its bytes are read.
    case text(count: Int)
    /// The text that followed a `text <n>` header.
    case textBody(String)
    /// `error <reason>`: the request could not be served; the worker goes on.
    case refused(String)

    /// Parses a header line; nil when it is not one of the protocol's answers.
    init?(header: String) {
        let words = header.split(separator: " ", maxSplits: 1).map(String.init)
        guard let verb = words.first else { return nil }
        let fields = words.count > 1 ? words[1].split(separator: " ").map(String.init) : []
        switch verb {
        case "ready" where fields.count == 1: self = .ready(osd: fields[0] == "1")
        case "page" where fields.count == 2:
            guard let w = Int(fields[0]), let h = Int(fields[1]) else { return nil }
            self = .page(width: w, height: h)
        case "osd" where fields.count == 2:
            guard let r = Int(fields[0]), let c = Double(fields[1]) else { return nil }
            self = .orientation(rotate: r, confidence: c)
        case "orient" where fields.count == 2:
            guard let up = Double(fields[0]), let left = Double(fields[1]) else { return nil }
            self = .orientationMeasures(up: up, left: left)
        case "light" where fields.count == 3:
            guard let spread = Double(fields[0]), let step = Double(fields[1]) else { return nil }
            self = .light(spread: spread, step: step, flat: fields[2] == "1")
        case "tilt" where fields.count == 3:
            guard let angle = Double(fields[0]), let confidence = Double(fields[1]) else { return nil }
            self = .tilt(angle: angle, confidence: confidence, straightened: fields[2] == "1")
        case "text" where fields.count == 1:
            guard let n = Int(fields[0]), n >= 0 else { return nil }
            self = .text(count: n)
        case "error": self = .refused(words.count > 1 ? words[1] : "")
        default: return nil
        }
    }
}
