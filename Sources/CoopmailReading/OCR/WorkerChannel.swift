import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Our end of the socket pair joined to a `coopmail-ocr` worker's standard input and output. Blocking I/O runs
/// on its own dispatch queue, never on Swift's cooperative threads; sends never raise SIGPIPE (`MSG_NOSIGNAL`).
/// Every wait for the worker's answer is a `poll(2)` bounded by the request's deadline: a worker that hangs makes
/// the exchange return nil at the deadline, with no timer racing the read.
final class WorkerChannel: @unchecked Sendable {
    private let socket: Int32
    private let queue = DispatchQueue(label: "coopmail-ocr-channel")
    /// Bytes received but not consumed yet; touched only on `queue`.
    private var pending: [UInt8] = []
    private var closed = false
    /// The deadline of the exchange in progress; touched only on `queue`.
    private var deadline = ContinuousClock.now

    init(socket: Int32) { self.socket = socket }

    deinit { if !closed { Glibc.close(socket) } }

    /// Sends `request` (one line, unless nil) and reads one answer: a header line, and for `text <n>` the n bytes
    /// after it. Nil when the worker is gone (end of stream), the answer breaks the protocol or `limit`, or it has
    /// not come whole by `deadline`.
    func exchange(_ request: String?, limit: Int, deadline: ContinuousClock.Instant) async -> WorkerAnswer? {
        await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: self.exchangeNow(request, limit: limit, deadline: deadline))
            }
        }
    }

    /// Closes our end: the worker reads the end of its input and exits. An exchange blocked on the socket returns
    /// at once (shutdown), whatever still holds the other end.
    func close() {
        shutdown(socket, Int32(SHUT_RDWR))
        queue.async {
            guard !self.closed else { return }
            self.closed = true
            Glibc.close(self.socket)
        }
    }

    private func exchangeNow(_ request: String?, limit: Int, deadline: ContinuousClock.Instant) -> WorkerAnswer? {
        guard !closed else { return nil }
        self.deadline = deadline
        if let request {
            let bytes = Array((request + "\n").utf8)
            var sent = 0
            while sent < bytes.count {
                guard wait(for: Int16(POLLOUT)) else { return nil }
                let n = bytes[sent...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return nil }
                sent += n
            }
        }
        guard let header = readLine(max: 1024) else { return nil }
        guard let answer = WorkerAnswer(header: header) else { return nil }
        guard case .text(let count) = answer else { return answer }
        guard count <= limit, let body = read(count: count) else { return nil }
        return .textBody(String(decoding: body, as: UTF8.self))
    }

    private func readLine(max: Int) -> String? {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return line
            }
            guard pending.count < max, fill() else { return nil }
        }
    }

    private func read(count: Int) -> [UInt8]? {
        while pending.count < count {
            guard fill() else { return nil }
        }
        let body = Array(pending[..<count])
        pending.removeSubrange(..<count)
        return body
    }

    /// Receives more bytes; false at the end of the stream, on an error, or when none came by the deadline.
    private func fill() -> Bool {
        guard wait(for: Int16(POLLIN)) else { return false }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            pending.append(contentsOf: buffer[..<n])
            return true
        }
    }

    /// Waits until the socket is ready for `events` (or has hung up: the next call then sees the end), at most until
    /// the deadline; false when the deadline passed or polling failed.
    private func wait(for events: Int16) -> Bool {
        while true {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return false }
            let (seconds, attoseconds) = left.components
            let milliseconds = min(Double(Int32.max), Double(seconds) * 1000 + Double(attoseconds) / 1e15 + 1)
            var descriptor = pollfd(fd: socket, events: events, revents: 0)
            let n = poll(&descriptor, 1, Int32(milliseconds))
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { return false }
            if n > 0 { return true }
        }
    }
}
