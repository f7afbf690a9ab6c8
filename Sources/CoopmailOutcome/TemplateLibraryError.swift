/// Why the outcome templates could not be loaded or used, as data. CoopmailApp writes the French staff read.
public enum TemplateLibraryError: Error, Equatable, CustomStringConvertible {
    /// The directory does not hold `<name>.mustache`.
    case missingTemplate(String)
    /// The file cannot be read, or is not UTF-8.
    case unreadableTemplate(String)
    /// The template does not parse; `reason` is swift-mustache's own text.
    case invalidTemplate(String, reason: String)
    /// The rendered template does not start with a `Subject:` line.
    case missingSubject(String)

    /// For logs and programmers (English, the data only).
    public var description: String {
        switch self {
        case .missingTemplate(let name): return "template not found: \(name).mustache"
        case .unreadableTemplate(let name): return "template unreadable or not UTF-8: \(name).mustache"
        case .invalidTemplate(let name, let reason): return "template does not parse: \(name).mustache (\(reason))"
        case .missingSubject(let name): return "template \(name).mustache does not start with a Subject: line"
        }
    }
}
