import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A one-connection line-based server on 127.0.0.1 for protocol situations the real servers do not produce
/// (no STARTTLS offered, temporary 4xx replies). `reply` gets each client line (without CRLF) and returns
/// the lines to send; returning nil closes the connection.
final class FakeLineServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32

    init(greeting: [String], reply: @escaping @Sendable (String) -> [String]?) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard fd >= 0, bound == 0, listen(fd, 4) == 0 else { throw POSIXError(.EADDRINUSE) }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        listener = fd
        let thread = Thread { [fd] in
            let client = accept(fd, nil, nil)
            guard client >= 0 else { return }
            defer { close(client) }
            func send(_ lines: [String]) {
                let bytes = Array(lines.map { $0 + "\r\n" }.joined().utf8)
                _ = bytes.withUnsafeBytes { Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            }
            send(greeting)
            var buffer: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = recv(client, &chunk, chunk.count, 0)
                guard n > 0 else { return }
                buffer.append(contentsOf: chunk[0..<n])
                while let newline = buffer.firstIndex(of: 0x0A) {
                    var line = Array(buffer[..<newline])
                    buffer.removeSubrange(...newline)
                    if line.last == 0x0D { line.removeLast() }
                    guard let answer = reply(String(decoding: line, as: UTF8.self)) else { return }
                    send(answer)
                }
            }
        }
        thread.start()
    }

    deinit { close(listener) }
}
