import CoopmailStore
import Foundation

/// The one French line staff read for an error a command could not get past.
public enum ErrorMessage {
    public static func french(_ error: Error) -> String {
        if let full = StoreError.diskFull(from: error) { return full.french }
        if let e = error as? StoreError { return e.french }
        if let e = error as? LocalizedError, let d = e.errorDescription { return d }
        return "\(error)"
    }
}
