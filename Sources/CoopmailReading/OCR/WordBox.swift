import CoopmailText
import Foundation

/// One printed word and its box on a page raster, in pixels (from the PDF text layer or tesseract's TSV).
public struct WordBox: Hashable, Sendable {
    public var text: String
    public var x0: Double, y0: Double, x1: Double, y1: Double
    /// 0–100; 100 for the text layer.
    public var confidence: Double

    public init(text: String, x0: Double, y0: Double, x1: Double, y1: Double, confidence: Double = 100) {
        self.text = text
        self.x0 = x0
        self.y0 = y0
        self.x1 = x1
        self.y1 = y1
        self.confidence = confidence
    }

    /// The box on the page turned `degrees` clockwise (0, 90, 180, 270), the turned page being `width` × `height`
    /// (pixels of the raster, y downwards).
    public func turned(clockwise degrees: Int, width: Int, height: Int) -> WordBox {
        let w = Double(width)
        let h = Double(height)
        var out = self
        switch degrees {
        case 90:
            // The page before the turn was `height` wide: (x, y) goes to (width − y, x).
            (out.x0, out.x1, out.y0, out.y1) = (w - y1, w - y0, x0, x1)
        case 180:
            (out.x0, out.x1, out.y0, out.y1) = (w - x1, w - x0, h - y1, h - y0)
        case 270:
            (out.x0, out.x1, out.y0, out.y1) = (y0, y1, h - x1, h - x0)
        default:
            break
        }
        return out
    }

    public var height: Double { y1 - y0 }
    public var midY: Double { (y0 + y1) / 2 }
    /// Lower-case letters without accents.
    public var letters: String { String(Folding.fold(text).filter(\.isLetter)) }

    /// Words of `pdftotext -bbox` output (HTML, points), scaled to a raster of `dpi`.
    public static func fromTextLayer(_ html: String, dpi: Double) -> [WordBox] {
        let scale = dpi / 72
        var out: [WordBox] = []
        let ns = html as NSString
        for m in wordPattern.matches(in: html, range: NSRange(location: 0, length: ns.length)) {
            guard let x0 = Double(ns.substring(with: m.range(at: 1))),
                let y0 = Double(ns.substring(with: m.range(at: 2))),
                let x1 = Double(ns.substring(with: m.range(at: 3))), let y1 = Double(ns.substring(with: m.range(at: 4)))
            else { continue }
            guard [x0, y0, x1, y1].allSatisfy(plausible) else { continue }
            let text = unescape(ns.substring(with: m.range(at: 5)))
            out.append(WordBox(text: text, x0: x0 * scale, y0: y0 * scale, x1: x1 * scale, y1: y1 * scale))
        }
        return out
    }

    /// Words of tesseract's TSV output (level 5 rows with text).
    public static func fromTSV(_ tsv: String) -> [WordBox] {
        var out: [WordBox] = []
        // (Tesseract's command line writes a header line, the worker does not: neither is a word row.)
        for line in tsv.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count >= 12, f[0] == "5", let left = Double(f[6]), let top = Double(f[7]), let w = Double(f[8]),
                let h = Double(f[9]), let conf = Double(f[10]), [left, top, w, h, conf].allSatisfy(plausible)
            else { continue }
            let text = f[11...].joined(separator: "\t").trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            out.append(WordBox(text: text, x0: left, y0: top, x1: left + w, y1: top + h, confidence: conf))
        }
        return out
    }

    /// The size of the raster a TSV describes (its page row, level 1), nil without a plausible one.
    public static func pageSize(ofTSV tsv: String) -> (width: Double, height: Double)? {
        for line in tsv.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count >= 10, f[0] == "1" else { continue }
            guard let w = Double(f[8]), let h = Double(f[9]), plausible(w), plausible(h), w >= 1, h >= 1 else {
                return nil
            }
            return (w, h)
        }
        return nil
    }

    /// The words of a TSV made on one raster of a page, scaled to another raster of the same page of `width` ×
    /// `height` pixels (rendered again at another resolution); empty without the TSV's page size.
    public static func fromTSV(_ tsv: String, scaledTo width: Int, _ height: Int) -> [WordBox] {
        guard let size = pageSize(ofTSV: tsv), width > 0, height > 0 else { return [] }
        let sx = Double(width) / size.width
        let sy = Double(height) / size.height
        return fromTSV(tsv).map {
            WordBox(
                text: $0.text, x0: $0.x0 * sx, y0: $0.y0 * sy, x1: $0.x1 * sx, y1: $0.y1 * sy,
                confidence: $0.confidence)
        }
    }

    /// A coordinate a page can have (finite, within a million units): anything else is dropped, never converted.
    static func plausible(_ v: Double) -> Bool { v.isFinite && abs(v) < 1_000_000 }

    private static let wordPattern = try! NSRegularExpression(
        pattern: #"<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>"#)

    private static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }
}
