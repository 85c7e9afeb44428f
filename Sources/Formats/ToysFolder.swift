import Formats
import Foundation

/// The folder of `--toys-dir` (interval, coverage): created when missing; anything else than a
/// folder is an error naming it.
enum ToysFolder {
    static func prepare(_ dir: String) throws {
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) {
            do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                throw InputError(file: dir, "cannot create the folder: \(error.localizedDescription)")
            }
        } else if !isDir.boolValue {
            throw InputError(file: dir, "is not a folder (--toys-dir names a folder of toys files)")
        }
    }
}
