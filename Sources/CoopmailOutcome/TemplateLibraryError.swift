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
        case .missingTemplate(let name): return "Modèle de message introuvable : \(name).mustache"
        case .invalidTemplate(let name, let reason): return "Modèle de message invalide (\(name).mustache) : \(reason)"
        case .missingSubject(let name): return "Le modèle \(name).mustache doit commencer par une ligne « Subject: … »"
        }
    }
}
