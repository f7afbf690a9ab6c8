import Foundation

/// Accent-free, lower-case forms of text for tolerant comparisons.
public enum TextNormalizer {
    /// Lower-cases and removes diacritics: `"École élémentaire"` → `"ecole elementaire"`.
    public static func fold(_ text: some StringProtocol) -> String {
        String(text).folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
    }

    /// Folded words of letters and digits.
    public static func words(_ text: some StringProtocol) -> [String] {
        fold(text).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }
}
