import CCurl
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A connection opened by libcurl (`CURLOPT_CONNECT_ONLY`): libcurl does TCP, TLS or STARTTLS, the certificate check
/// and, for IMAP, the login; the caller then exchanges raw protocol bytes through it.
extension CurlEasy {
    /// Why a stream operation stopped.
    public enum StreamError: Error, Equatable {
        /// Nothing could be sent or received for the whole timeout.
        case stalled
        /// The peer closed the connection.
        case closed
        /// libcurl reported an error (its code).
        case failed(Int)
    }

    /// The connected socket, or nil when there is none.
    public var activeSocket: curl_socket_t? {
        var socket = curl_socket_t(-1)
        guard coop_curl_get_socket(handle, &socket) == CURLE_OK, socket != -1 else { return nil }
        return socket
    }

    /// Sends every byte of `bytes`, waiting up to `timeoutMilliseconds` each time the socket is not writable.
    public func sendAll(_ bytes: UnsafeRawBufferPointer, timeoutMilliseconds: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            var sent = 0
            let code = curl_easy_send(handle, bytes.baseAddress! + offset, bytes.count - offset, &sent)
            if code == CURLE_OK {
                offset += sent
            } else if code == CURLE_AGAIN {
                try wait(for: Int16(POLLOUT), timeoutMilliseconds: timeoutMilliseconds)
            } else {
                throw StreamError.failed(Int(code.rawValue))
            }
        }
    }

    /// Receives at least one byte into `buffer` (returns how many), waiting up to `timeoutMilliseconds` for data.
    public func receive(into buffer: UnsafeMutableRawBufferPointer, timeoutMilliseconds: Int32) throws -> Int {
        while true {
            var received = 0
            let code = curl_easy_recv(handle, buffer.baseAddress, buffer.count, &received)
            if code == CURLE_OK {
                guard received > 0 else { throw StreamError.closed }
                return received
            }
            guard code == CURLE_AGAIN else { throw StreamError.failed(Int(code.rawValue)) }
            try wait(for: Int16(POLLIN), timeoutMilliseconds: timeoutMilliseconds)
        }
    }

    private func wait(for events: Int16, timeoutMilliseconds: Int32) throws {
        guard let socket = activeSocket else { throw StreamError.closed }
        var descriptor = pollfd(fd: socket, events: events, revents: 0)
        while true {
            let ready = poll(&descriptor, 1, timeoutMilliseconds)
            if ready > 0 { return }
            if ready == 0 { throw StreamError.stalled }
            if errno != EINTR { throw StreamError.failed(Int(CURLE_RECV_ERROR.rawValue)) }
        }
    }
}
