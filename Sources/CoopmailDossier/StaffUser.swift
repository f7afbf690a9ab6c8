import Foundation

/// The Unix user running a command: the name recorded with every staff decision.
public enum StaffUser {
    /// `COOPMAIL_STAFF` when set (a shared login says nothing of who decided), else the account name of the real
    /// user id, else `$USER`, else `uid N`.
    public static func current() -> String {
        if let named = ProcessInfo.processInfo.environment["COOPMAIL_STAFF"] {
            let kept = String(named.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(80))
                .trimmingCharacters(in: .whitespaces)
            if !kept.isEmpty { return kept }
        }
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name {
            let s = String(cString: name)
            if !s.isEmpty { return s }
        }
        if let u = ProcessInfo.processInfo.environment["USER"], !u.isEmpty { return u }
        return "uid \(getuid())"
    }

    /// The name used for entries coopmail records by itself.
    public static let automatic = "coopmail"
}
