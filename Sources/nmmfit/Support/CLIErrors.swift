import ArgumentParser
import Formats
import Foundation
import GSL
import Likelihood
import MomentModels
import Recoil

/// Turns library errors into one clear line on stderr and a non-zero exit (no stack trace). The
/// mapping happens once, at the root (``NMMFit/main()`` calls ``exit(for:)`` for every error a
/// command throws, as swift-argument-parser's Validation guide recommends); commands only throw.
enum CLIErrors {
    /// Runs a command body. Errors propagate to the root, which maps them (``exit(for:)``);
    /// kept so that command bodies read the same as before.
    static func run(_ body: () throws -> Void) throws {
        try body()
    }

    /// The message and exit code of a library error, or nil for errors ArgumentParser handles
    /// itself (usage errors, `--help`, ``ExitCode``).
    static func mapped(_ error: Error) -> (message: String, code: Int32)? {
        switch error {
        case let e as InputError: return ("error: \(e.description(in: wording))", 2)
        case let e as RecoilError: return ("error: \(e)", 2)
        case let e as GSLError: return ("numerical error: \(e)", 3)
        case let e as FitError: return ("error: \(e)", 3)
        // the chosen grid (an option) does not determine the interval: not a numerical failure
        case let e as FeldmanCousins.GridError: return ("error: \(e.description(in: wording))", 2)
        case let e as MomentError: return ("error: \(e)", 2)
        case let e as NumericalResultError: return ("numerical error: \(e)", 3)
        case let e as EncodingError: return ("error: cannot encode the result as JSON (\(e))", 3)
        case let e as OptionApplicability.NotApplicable: return ("error: \(e)", 64)
        // more toys than one process may run (checked once the model's size is known)
        case let e as ToyWork.Exceeded: return ("error: \(e)", 64)
        case is ExitCode, is ValidationError, is CleanExit: return nil
        case let e as CocoaError:
            let file = (e.userInfo[NSFilePathErrorKey] as? String).map { "\($0): " } ?? ""
            return ("error: \(file)\(CSVTable.reason(e))", 2)
        default:
            // Foundation file errors that are not bridged to CocoaError: plain words, never
            // "Error Domain=NSCocoaErrorDomain Code=…"
            let ns = error as NSError
            if ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain {
                let file = (ns.userInfo[NSFilePathErrorKey] as? String).map { "\($0): " } ?? ""
                return ("error: \(file)\(OSErrorText.describe(error))", 2)
            }
            // ArgumentParser's own errors (unknown option, missing value, …) are usage errors
            if String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") { return nil }
            return ("error: \(error)", 2)
        }
    }

    /// How this tool words the library's terms and remedies in the messages it prints: with its
    /// options and commands (library errors carry them as values: ``FrontEndText``).
    static let wording = FrontEndWording(term: term, remedy: remedy)

    /// The wording of library remedies with this tool's options (``wording``).
    static func remedy(_ r: InputError.Remedy) -> String {
        switch r {
        case .overwrite: "pass --force to overwrite it"
        case .replaceFile: "use --force to overwrite it"
        case .orReplaceFile: "or use --force to overwrite it"
        case .startAfresh: "use --force to start afresh"
        case .allowIncomplete: "run the missing shards or pass --allow-incomplete"
        case .dataDirectory: "pass --data-dir or set NMMFIT_DATA"
        }
    }

    /// The wording of library terms with this tool's options and commands (``wording``).
    static func term(_ t: FrontEndTerm) -> String {
        switch t {
        case .window: "--window"
        case .datasetOverride: "--set"
        case .dataDirectory: "--data-dir"
        case .gridPoints: "--grid-points"
        case .gridMax: "--grid-max"
        case .fromToys: "--from-toys"
        case .tStudyAtTruth: "nmmfit toys --statistic t --mu M"
        case .backgroundOnlyStudy: "nmmfit toys --mu 0"
        case .feldmanCousinsCoverage: "`nmmfit coverage --mu M --method feldman-cousins --write-toys FILE` (or its shards and `nmmfit merge`)"
        case .measuredMuonAnomaly: "--delta-amu/--delta-amu-sigma"
        case .overwriteAllowed: "also with --force"
        case .fitResult: "`nmmfit fit --json` result"
        }
    }

    static func fail(_ message: String, code: Int32) -> Never {
        Console.error(InputError.oneLine(message))
        Console.finish()
        exit(code)
    }
}

extension ResourceLimit {
    /// The limit check for a `validate()`: a usage error (exit 64) naming the option, the
    /// limit and how to raise it.
    func validate(_ n: Int, option: String) throws {
        do { try check(n, option: option) } catch let e as InputError {
            let message = e.message(in: CLIErrors.wording)
            throw ValidationError(e.field == option ? "\(option) \(message)" : message)
        }
    }

    /// The same for a product of counts (computed without overflow), e.g. toys × grid points.
    func validate(product factors: [Int], option: String) throws {
        do { try check(product: factors, option: option) } catch let e as InputError {
            let message = e.message(in: CLIErrors.wording)
            throw ValidationError(e.field == option ? "\(option): \(message)" : message)
        }
    }
}

extension ToyWork {
    /// The toy-work check for a `validate()` (on the reference model, before any model is
    /// built): a usage error (exit 64) naming the options, the estimate and how to go further.
    func validate(_ factors: [Int], option: String) throws {
        do { try check(factors, option: option) } catch let e as ToyWork.Exceeded {
            throw ValidationError(e.description)
        }
    }

    /// The same for a run made of several kinds of toys.
    static func validate(_ parts: [(work: ToyWork, factors: [Int])], option: String) throws {
        do { try check(parts, option: option) } catch let e as ToyWork.Exceeded {
            throw ValidationError(e.description)
        }
    }
}
