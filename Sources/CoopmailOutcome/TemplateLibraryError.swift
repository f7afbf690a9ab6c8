/// Why the outcome templates could not be loaded or used.
public enum TemplateLibraryError: Error, Equatable, CustomStringConvertible {
    /// The directory does not hold `<name>.mustache`.
    case missingTemplate(String)
    /// The template does not parse.
    case invalidTemplate(String, reason: String)
    /// The rendered template does not start with a `Subject:` line.
    case missingSubject(String)

    public var description: String {
        switch self {
        case let .missingTemplate(name): return "Modèle de message introuvable : \(name).mustache"
        case let .invalidTemplate(name, reason): return "Modèle de message invalide (\(name).mustache) : \(reason)"
        case let .missingSubject(name): return "Le modèle \(name).mustache doit commencer par une ligne « Subject: … »"
        }
    }
}
