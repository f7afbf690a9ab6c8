/// A rendered outcome mail: its subject line and its plain-text body (lines separated by `\n`).
public struct RenderedMail: Hashable, Sendable {
    public var subject: String
    public var body: String
    public init(subject: String, body: String) {
        self.subject = subject
        self.body = body
    }
}
