import CoopmailDomain
import Foundation
import Mustache

/// The French outcome templates, read from a directory at run time so that staff can edit them without rebuilding.
///
/// The directory holds one `<kind>.mustache` file per ``OutcomeKind`` (`acknowledgment.mustache`,
/// `to_correct.mustache`, …) and any partials they use (`signature.mustache`, included with `{{> signature}}`).
/// Each template is plain text (`{{% CONTENT_TYPE: TEXT}}`, so nothing is HTML-escaped); the first line it renders
/// must be `Subject: …`, the mail's subject; the rest is the body.
public struct TemplateLibrary: Sendable {
    public let directory: String
    private let library: MustacheLibrary

    /// Loads every `.mustache` file of `directory`; throws when one does not parse or a kind's template is missing.
    public init(directory: String) throws {
        self.directory = directory
        var library = MustacheLibrary()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for file in names.sorted() where file.hasSuffix(".mustache") {
            let name = String(file.dropLast(".mustache".count))
            let path = (directory as NSString).appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
            else {
                throw TemplateLibraryError.unreadableTemplate(name)
            }
            do { try library.register(text, named: name) } catch {
                throw TemplateLibraryError.invalidTemplate(name, reason: String(describing: error))
            }
        }
        for kind in OutcomeKind.allCases where library.getTemplate(named: kind.rawValue) == nil {
            throw TemplateLibraryError.missingTemplate(kind.rawValue)
        }
        self.library = library
    }

    /// Renders the template of `kind`, applying the privacy rules of ``OutcomeContext/templateValues(for:)``.
    public func render(_ kind: OutcomeKind, context: OutcomeContext) throws -> RenderedMail {
        guard let text = library.render(context.templateValues(for: kind), withTemplate: kind.rawValue) else {
            throw TemplateLibraryError.missingTemplate(kind.rawValue)
        }
        return try Self.split(text, name: kind.rawValue)
    }

    /// Splits a rendered template into its `Subject:` line and a tidy body.
    static func split(_ rendered: String, name: String) throws -> RenderedMail {
        var lines = rendered.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false
        )
        .map { String($0) }
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        guard let first = lines.first, first.lowercased().hasPrefix("subject:") else {
            throw TemplateLibraryError.missingSubject(name)
        }
        let subject = HeaderSafety.singleLine(String(first.dropFirst("subject:".count)))
        lines.removeFirst()
        // Trailing spaces go; runs of blank lines (left by empty sections) shrink to one.
        var body: [String] = []
        for line in lines {
            var l = line
            while let last = l.last, last == " " || last == "\t" { l.removeLast() }
            if l.isEmpty && (body.last?.isEmpty ?? true) { continue }
            body.append(l)
        }
        while body.last?.isEmpty == true { body.removeLast() }
        return RenderedMail(subject: subject, body: body.joined(separator: "\n") + "\n")
    }
}
