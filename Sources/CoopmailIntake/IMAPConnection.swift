import CCurl
import CoopmailCurl
import Foundation

/// An IMAP conversation over a connection that libcurl opened and authenticated (`CURLOPT_CONNECT_ONLY`).
///
/// libcurl's own IMAP transfers fetch one message per URL and round trip, and set `\Seen`; speaking the
/// protocol over its connection lets one `UID FETCH … BODY.PEEK[]` bring a whole batch back, unread flags
/// untouched. Responses are read incrementally with their literals (`{n}` then n bytes), whatever their size.
/// Not thread-safe.
final class IMAPConnection {
    private let curl: CurlEasy
    private let host: String
    private let timeoutMilliseconds: Int32
    /// A literal larger than this ends the connection (the caller skips oversized messages beforehand).
    let maxLiteralBytes: Int
    /// Longest response line accepted (a listing line of thousands of UIDs fits easily).
    static let maxLineBytes = 16 << 20

    private var buffer: [UInt8] = []
    private var readIndex = 0
    private let chunk: UnsafeMutableRawBufferPointer
    private var nextTag = 1
    /// False once the connection failed or was closed: every later command throws.
    private(set) var isUsable = true

    init(curl: CurlEasy, host: String, timeout: TimeInterval, maxLiteralBytes: Int) {
        self.curl = curl
        self.host = host
        timeoutMilliseconds = Int32(max(1, min(timeout, 3600)) * 1000)
        self.maxLiteralBytes = maxLiteralBytes
        chunk = .allocate(byteCount: 256 * 1024, alignment: 1)
        buffer.reserveCapacity(512 * 1024)
    }

    deinit { chunk.deallocate() }

    /// The tagged answer to a command that the server refused (NO or BAD).
    struct Refusal: Error {
        var response: IMAPResponse
    }

    // MARK: Commands

    /// Sends `command` (no tag, no CRLF) and returns its tag without waiting: several commands may be in flight.
    /// With `literal`, the command ends with `{n}`: the bytes follow once the server says to go on.
    @discardableResult
    func send(_ command: String, literal: Data? = nil, onUntagged: (IMAPResponse) throws -> Void = { _ in }) throws
        -> String
    {
        try checkUsable()
        let tag = "c\(nextTag)"
        nextTag += 1
        guard let literal else {
            try write(Data("\(tag) \(command)\r\n".utf8))
            return tag
        }
        try write(Data("\(tag) \(command) {\(literal.count)}\r\n".utf8))
        // Synchronising literal: wait for `+`; a tagged answer instead means the server refused the command.
        while true {
            let response = try readResponse()
            if response.isContinuation { break }
            if response.isUntagged {
                try handleUntagged(response, onUntagged)
            } else if let other = response.tag {
                if other == Substring(tag) { throw Refusal(response: response) }
                finished[String(other)] = response  // an earlier command's answer, kept for its `complete`
            }
        }
        var tail = literal
        tail.append(contentsOf: [13, 10])
        try write(tail)
        return tag
    }

    /// Reads responses until the tagged one for `tag`, handing every untagged response to `onUntagged`.
    /// Throws `Refusal` when the server answered NO or BAD. With several commands in flight, the tagged answers of
    /// the others are kept for their own `complete` (their untagged data went to this call's `onUntagged`).
    @discardableResult
    func complete(_ tag: String, onUntagged: (IMAPResponse) throws -> Void = { _ in }) throws -> IMAPResponse {
        var answer = finished.removeValue(forKey: tag)
        while answer == nil {
            let response = try readResponse()
            if response.isUntagged {
                try handleUntagged(response, onUntagged)
                continue
            }
            guard let responseTag = response.tag else { continue }
            if responseTag == tag { answer = response } else { finished[String(responseTag)] = response }
        }
        guard let answer, answer.status == "OK" else { throw Refusal(response: answer!) }
        return answer
    }

    /// Tagged answers read while waiting for another command.
    private var finished: [String: IMAPResponse] = [:]

    /// `send` then `complete`.
    @discardableResult
    func execute(_ command: String, literal: Data? = nil, onUntagged: (IMAPResponse) throws -> Void = { _ in }) throws
        -> IMAPResponse
    {
        let tag = try send(command, literal: literal, onUntagged: onUntagged)
        return try complete(tag, onUntagged: onUntagged)
    }

    private func handleUntagged(_ response: IMAPResponse, _ onUntagged: (IMAPResponse) throws -> Void) throws {
        if response.status == "BYE" {
            // The server is closing (shutdown, idle timeout): nothing more will come.
            isUsable = false
            try onUntagged(response)
            throw IMAPError.connectionLost(host: host, loss: .serverSaidBye(response.statusText))
        }
        try onUntagged(response)
    }

    private func checkUsable() throws {
        guard isUsable else { throw IMAPError.connectionLost(host: host, loss: .alreadyBroken) }
    }

    // MARK: Bytes

    private func write(_ data: Data) throws {
        do {
            try data.withUnsafeBytes { try curl.sendAll($0, timeoutMilliseconds: timeoutMilliseconds) }
        } catch {
            throw lost(error)
        }
    }

    /// Appends at least one received byte to `buffer`.
    private func fill() throws {
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            readIndex = 0
        } else if readIndex >= 256 * 1024 {
            buffer.removeFirst(readIndex)
            readIndex = 0
        }
        do {
            let count = try curl.receive(into: chunk, timeoutMilliseconds: timeoutMilliseconds)
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
        } catch {
            throw lost(error)
        }
    }

    private func lost(_ error: Error) -> IMAPError {
        isUsable = false
        switch error as? CurlEasy.StreamError ?? .failed(-1) {
        case .stalled:
            return .connectionLost(host: host, loss: .noAnswer(seconds: Int(timeoutMilliseconds / 1000)))
        case .closed: return .connectionLost(host: host, loss: .closedByServer)
        case .failed(let code): return .connectionLost(host: host, loss: .curlCode(code))
        }
    }

    /// One line without its CRLF (or LF).
    private func readLine() throws -> ArraySlice<UInt8> {
        var scanned = readIndex
        while true {
            if let newline = buffer[scanned...].firstIndex(of: 10) {
                let line = buffer[readIndex..<newline]
                readIndex = newline + 1
                return line.last == 13 ? line.dropLast() : line
            }
            scanned = buffer.count
            guard buffer.count - readIndex <= Self.maxLineBytes else {
                isUsable = false
                throw IMAPError.connectionLost(
                    host: host, loss: .lineTooLong(limit: Self.maxLineBytes))
            }
            let consumed = readIndex
            try fill()
            // `fill` may have moved the unread bytes to the front.
            scanned -= consumed - readIndex
        }
    }

    private func readBytes(_ count: Int) throws -> Data {
        var data = Data(capacity: count)
        while data.count < count {
            if readIndex == buffer.count { try fill() }
            let take = min(count - data.count, buffer.count - readIndex)
            buffer.withUnsafeBytes {
                data.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[readIndex..<readIndex + take]))
            }
            readIndex += take
        }
        return data
    }

    /// Literals one response may hold.
    static let maxLiteralsPerResponse = 64

    /// The next whole response, literals included.
    func readResponse() throws -> IMAPResponse {
        var text: [UInt8] = []
        var literals: [Data] = []
        var literalBytes = 0
        while true {
            let line = try readLine()
            text.append(contentsOf: line)
            guard let size = Self.literalSize(endingLine: line) else { break }
            guard size <= maxLiteralBytes else {
                isUsable = false
                throw IMAPError.connectionLost(host: host, loss: .literalTooLarge(bytes: size))
            }
            // One response carries one message (a body and a few small fields): a server that strings many literals
            // together, each under the limit, would otherwise fill memory.
            literalBytes += size
            guard literals.count < Self.maxLiteralsPerResponse, literalBytes <= maxLiteralBytes + Self.maxLineBytes
            else {
                isUsable = false
                throw IMAPError.connectionLost(
                    host: host, loss: .responseTooLarge(literals: Self.maxLiteralsPerResponse, bytes: maxLiteralBytes))
            }
            literals.append(try readBytes(size))
        }
        return IMAPResponse(text: String(decoding: text, as: UTF8.self), literals: literals)
    }

    /// `… {123}` (or `~{123}`) at the end of a line → 123.
    static func literalSize(endingLine line: ArraySlice<UInt8>) -> Int? {
        guard line.last == UInt8(ascii: "}"), let open = line.lastIndex(of: UInt8(ascii: "{")) else { return nil }
        let digits = line[(open + 1)..<(line.endIndex - 1)]
        guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(String(decoding: digits, as: UTF8.self))
    }
}
