import Foundation

/// Plain words for operating-system errors (never "NSCocoaErrorDomain error 256" or "errno 21").
public enum OSErrorText {
    /// The C library's text for an errno value, lowercased ("no such file or directory").
    public static func describe(errno code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file or folder"
        case EACCES, EPERM: return "permission denied"
        case EISDIR: return "is a folder, not a file"
        case ENOTDIR: return "a part of the path is not a folder"
        case ENOSPC: return "no space left on the device"
        case EDQUOT: return "disk quota exceeded"
        case EFBIG: return "file too large (the file system's or the process's file-size limit, ulimit -f)"
        case EROFS: return "the file system is read-only"
        case EPIPE: return "the reader closed the pipe"
        case EMFILE, ENFILE: return "too many open files"
        case ENAMETOOLONG: return "the path is too long"
        case ELOOP: return "too many symbolic links in the path"
        case EIO: return "input/output error"
        default:
            guard let s = strerror(code) else { return "system error \(code)" }
            return String(cString: s).lowercased()
        }
    }

    /// Plain words for any error thrown by Foundation file APIs: the POSIX cause when there is
    /// one, else a translation of the Cocoa code, else the localized description.
    public static func describe(_ error: any Error) -> String {
        if let e = error as? InputError { return e.message }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return describe(errno: Int32(ns.code)) }
        if let under = ns.userInfo[NSUnderlyingErrorKey] as? NSError, under.domain == NSPOSIXErrorDomain {
            return describe(errno: Int32(under.code))
        }
        if ns.domain == NSCocoaErrorDomain {
            switch ns.code {
            case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "no such file"
            case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return "permission denied"
            case NSFileReadInapplicableStringEncodingError: return "not UTF-8 text"
            case NSFileWriteOutOfSpaceError: return "no space left on the device"
            case NSFileWriteVolumeReadOnlyError: return "the file system is read-only"
            case NSFileReadTooLargeError: return "the file is too large"
            case NSFileWriteFileExistsError: return "a file of that name is in the way (a folder is needed there)"
            default: return "cannot read or write the file"
            }
        }
        return ns.localizedDescription
    }
}

extension OSErrorText {
    /// Foundation's JSON parser error as a short reason ("… around line 3, column 5").
    public static func jsonReason(_ error: any Error) -> String {
        let ns = error as NSError
        if let d = ns.userInfo[NSDebugDescriptionErrorKey] as? String { return InputError.oneLine(d, limit: 200) }
        return "not valid JSON"
    }
}
