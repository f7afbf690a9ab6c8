@_exported import CCurl
import Foundation

/// Receives libcurl's callbacks. Reached from C through the user-data pointer (no captured context).
public final class CurlSink {
    /// Every server response line (libcurl passes IMAP/SMTP response lines to the header callback).
    public var headers = Data()
    /// Bytes to upload (an SMTP message, an IMAP APPEND), read from `uploadOffset`.
    public var upload = Data()
    public var uploadOffset = 0
    /// Called once, just before the last bytes of `upload` are handed to libcurl: until then the server cannot
    /// have the whole message, so an interrupted send delivered nothing. Returning false aborts the transfer
    /// before those bytes go (`CURLE_ABORTED_BY_CALLBACK`): the server then has an unfinished message, which it drops.
    public var beforeLastChunk: (() -> Bool)?
    /// Whether the last bytes were handed over (`beforeLastChunk` said yes): from then on the server may have
    /// the whole message.
    public private(set) var committed = false
    /// `headers.count` when the last bytes were handed over: the reply lines after it answer the end of the data.
    public private(set) var headersAtCommit = 0

    public func reset() {
        headers.removeAll(keepingCapacity: true)
        upload = Data()
        uploadOffset = 0
        beforeLastChunk = nil
        committed = false
        headersAtCommit = 0
    }

    /// Runs `beforeLastChunk` (once); false when it refused.
    func commit() -> Bool {
        guard let hook = beforeLastChunk else { return true }
        beforeLastChunk = nil
        guard hook() else { return false }
        committed = true
        headersAtCommit = headers.count
        return true
    }
}

private let curlGlobalInit: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

/// Neither SMTP nor IMAP (which reads its connection itself) has a body to keep; without a callback libcurl would
/// print one on standard output.
private let discardCallback: coop_curl_data_cb = { _, size, count, _ in size * count }

private let headerCallback: coop_curl_data_cb = { pointer, size, count, userdata in
    let total = size * count
    guard let pointer, let userdata else { return total }
    let sink = Unmanaged<CurlSink>.fromOpaque(userdata).takeUnretainedValue()
    sink.headers.append(UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: total)
    return total
}

private let readCallback: coop_curl_data_cb = { pointer, size, count, userdata in
    guard let pointer, let userdata else { return 0 }
    let sink = Unmanaged<CurlSink>.fromOpaque(userdata).takeUnretainedValue()
    let remaining = sink.upload.count - sink.uploadOffset
    let n = min(size * count, remaining)
    guard n > 0 else { return 0 }
    if n == remaining, !sink.commit() { return Int(CURL_READFUNC_ABORT) }
    let start = sink.upload.startIndex + sink.uploadOffset
    sink.upload.copyBytes(
        to: UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: UInt8.self),
        from: start..<(start + n))
    sink.uploadOffset += n
    return n
}

/// The outcome of one `curl_easy_perform`.
public struct CurlResult {
    public var code: CURLcode
    /// libcurl's error buffer text (English, for diagnostics).
    public var errorText: String
    public var isOK: Bool { code == CURLE_OK }
}

/// One libcurl easy handle, reused across transfers so the connection stays open.
///
/// libcurl (7.88 with Debian's fix for CVE-2023-38039) adds every response line it hands to the header
/// callback to a per-handle counter that IMAP and SMTP transfers never clear, and fails any transfer once
/// it passes 300 KB ("Too large response headers"). `renew()` swaps in a fresh handle; the connection
/// cache lives in a share object, so the open connection (and the IMAP selected mailbox) carries over.
public final class CurlEasy {
    public private(set) var handle: UnsafeMutableRawPointer
    public let sink = CurlSink()
    private let share: UnsafeMutableRawPointer?
    private let errorBuffer: UnsafeMutablePointer<CChar>

    public init?() {
        guard curlGlobalInit, let handle = curl_easy_init() else { return nil }
        self.handle = handle
        share = curl_share_init()
        if let share { _ = coop_curl_share_set_long(share, CURLSHOPT_SHARE, Int(CURL_LOCK_DATA_CONNECT.rawValue)) }
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        installCallbacks()
    }

    /// Replaces the easy handle by a fresh one sharing the connection cache; the caller re-applies its options.
    /// Returns false (and keeps the old handle) when that is not possible.
    @discardableResult
    public func renew() -> Bool {
        guard share != nil, let fresh = curl_easy_init() else { return false }
        let old = handle
        handle = fresh
        installCallbacks()
        curl_easy_cleanup(old)
        return true
    }

    private func installCallbacks() {
        if let share { _ = coop_curl_set_share(handle, share) }
        let userdata = Unmanaged.passUnretained(sink).toOpaque()
        _ = coop_curl_set_cb(handle, CURLOPT_WRITEFUNCTION, discardCallback)
        _ = coop_curl_set_cb(handle, CURLOPT_HEADERFUNCTION, headerCallback)
        _ = coop_curl_set_ptr(handle, CURLOPT_HEADERDATA, userdata)
        _ = coop_curl_set_cb(handle, CURLOPT_READFUNCTION, readCallback)
        _ = coop_curl_set_ptr(handle, CURLOPT_READDATA, userdata)
        _ = coop_curl_set_ptr(handle, CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer))
        set(CURLOPT_NOSIGNAL, 1)
        set(CURLOPT_VERBOSE, 0)
    }

    deinit {
        curl_easy_cleanup(handle)
        if let share { curl_share_cleanup(share) }
        errorBuffer.deallocate()
    }

    @discardableResult
    public func set(_ option: CURLoption, _ value: Int) -> CURLcode {
        coop_curl_set_long(handle, option, value)
    }

    @discardableResult
    public func set(_ option: CURLoption, _ value: String?) -> CURLcode {
        guard let value else { return coop_curl_set_str(handle, option, nil) }
        return value.withCString { coop_curl_set_str(handle, option, $0) }
    }

    @discardableResult
    public func setSize(_ option: CURLoption, _ value: Int) -> CURLcode {
        coop_curl_set_off(handle, option, curl_off_t(value))
    }

    /// The folder of the system's trust anchors (Debian's ca-certificates, hashed names).
    public static let systemTrustDirectory = "/etc/ssl/certs"

    /// Trust: the system's anchors, plus `caFile` when given. libcurl's CAINFO alone would *replace* the system
    /// bundle; OpenSSL reads both CAINFO and CAPATH, so naming the system folder as CAPATH keeps its anchors and
    /// `ca_file` adds one (as the configuration promises), whatever default libcurl was built with.
    public func setTrust(caFile: String?, systemDirectory: String = CurlEasy.systemTrustDirectory) {
        if let caFile { set(CURLOPT_CAINFO, caFile) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: systemDirectory, isDirectory: &isDirectory), isDirectory.boolValue {
            set(CURLOPT_CAPATH, systemDirectory)
        }
    }

    public func perform() -> CurlResult {
        errorBuffer[0] = 0
        let code = curl_easy_perform(handle)
        var text = String(cString: errorBuffer)
        if text.isEmpty, code != CURLE_OK, let s = curl_easy_strerror(code) { text = String(cString: s) }
        return CurlResult(code: code, errorText: text)
    }

    /// Server response lines seen during the last transfer, without line ends.
    public var responseLines: [String] { CurlEasy.lines(of: sink.headers) }

    public static func lines(of data: Data) -> [String] {
        data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true).map { line in
            var bytes = line
            if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
