import Foundation

/// A folder that keeps toys files (`--toys-dir` of interval and coverage, `toys_dir` of the C
/// interface): created when missing; anything else than a folder is an error naming it.
public enum ToysFolder {
    public static func prepare(_ dir: String) throws {
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) {
            do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                throw InputError(file: dir, "cannot create the folder: \(error.localizedDescription)")
            }
        } else if !isDir.boolValue {
            throw InputError(file: dir, "is not a folder (it must name a folder for toys files)")
        }
    }
}
