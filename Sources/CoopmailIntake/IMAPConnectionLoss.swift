/// Why a connection to the IMAP server broke, as data. CoopmailApp writes the French sentence staff read.
public enum IMAPConnectionLoss: Equatable, Sendable, CustomStringConvertible {
    /// The server said BYE (shutdown, idle timeout), with the text that followed it.
    case serverSaidBye(String)
    /// A command was asked of a connection that had already broken.
    case alreadyBroken
    /// Nothing arrived for this many seconds.
    case noAnswer(seconds: Int)
    /// The server closed the TCP connection.
    case closedByServer
    /// libcurl reported this code while sending or receiving.
    case curlCode(Int)
    /// libcurl's own text for a broken transfer (52, 55, 56).
    case transfer(String)
    /// One response line was longer than the limit (bytes).
    case lineTooLong(limit: Int)
    /// One literal announced more bytes than the limit.
    case literalTooLarge(bytes: Int)
    /// One response strung together more literals, or more bytes, than allowed.
    case responseTooLarge(literals: Int, bytes: Int)
    /// The connection broke between asking for the bodies and reading them.
    case brokenDuringFetch

    /// For logs and programmers (English, the data only).
    public var description: String {
        switch self {
        case .serverSaidBye(let text): return "server said BYE: \(text)"
        case .alreadyBroken: return "connection already broken"
        case .noAnswer(let seconds): return "no answer for \(seconds) s"
        case .closedByServer: return "closed by the server"
        case .curlCode(let code): return "libcurl error \(code)"
        case .transfer(let detail): return detail
        case .lineTooLong(let limit): return "response line over \(limit) bytes"
        case .literalTooLarge(let bytes): return "literal of \(bytes) bytes over the limit"
        case .responseTooLarge(let literals, let bytes): return "response over \(literals) literals or \(bytes) bytes"
        case .brokenDuringFetch: return "connection broken during the fetch"
        }
    }
}
