/// French plurals: 0 and 1 take the singular, 2 and more the plural.
public enum Plural {
    /// `"s"` when `n` takes the plural, else `""`: `"\(n) réponse\(Plural.s(n)) envoyée\(Plural.s(n))"`.
    public static func s(_ n: some BinaryInteger) -> String { n > 1 ? "s" : "" }

    /// The word for `n`: `singular`, or `plural` (by default `singular` + `s`) when `n` takes the plural.
    public static func word(_ n: some BinaryInteger, _ singular: String, _ plural: String? = nil) -> String {
        n > 1 ? plural ?? singular + "s" : singular
    }

    /// `1 dossier`, `3 dossiers`, `2 pièces jointes` (with `plural` given).
    public static func count(_ n: some BinaryInteger, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) " + word(n, singular, plural)
    }
}
