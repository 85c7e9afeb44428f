import ArgumentParser
import Formats
import Foundation
import GSL
import Likelihood
import MomentModels
import Recoil

/// Turns library errors into one clear line on stderr and a non-zero exit (no stack trace).
enum CLIErrors {
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let e as InputError {
            fail("error: \(e)", code: 2)
        } catch let e as RecoilError {
            fail("error: \(e)", code: 2)
        } catch let e as GSLError {
            fail("numerical error: \(e)", code: 3)
        } catch let e as FitError {
            fail("error: \(e)", code: 3)
        } catch let e as FeldmanCousins.GridError {
            // the chosen grid (an option) does not determine the interval: not a numerical failure
            fail("error: \(e)", code: 2)
        } catch let e as MomentError {
            fail("error: \(e)", code: 2)
        } catch let e as NumericalResultError {
            fail("numerical error: \(e)", code: 3)
        } catch let e as EncodingError {
            fail("error: cannot encode the result as JSON (\(e))", code: 3)
        } catch let e as OptionApplicability.NotApplicable {
            fail("error: \(e)", code: 64)
        } catch let e as ExitCode {
            throw e
        } catch let e as CocoaError {
            let file = (e.userInfo[NSFilePathErrorKey] as? String).map { "\($0): " } ?? ""
            fail("error: \(file)\(CSVTable.reason(e))", code: 2)
        } catch {
            // Foundation file errors that are not bridged to CocoaError: plain words, never
            // "Error Domain=NSCocoaErrorDomain Code=…"
            let ns = error as NSError
            if ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain {
                let file = (ns.userInfo[NSFilePathErrorKey] as? String).map { "\($0): " } ?? ""
                fail("error: \(file)\(OSErrorText.describe(error))", code: 2)
            }
            fail("error: \(error)", code: 2)
        }
    }

    /// The wording of library remedies with this tool's options (set in `NMMFit.main`).
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

    /// The wording of library terms with this tool's options and commands (set in `NMMFit.main`).
    static func term(_ t: FrontEndTerm) -> String {
        switch t {
        case .window: "--window"
        case .datasetOverride: "--set"
        case .dataDirectory: "--data-dir"
        case .gridPoints: "--grid-points"
        case .gridMax: "--grid-max"
        case .fromToys: "--from-toys"
        case .tStudyAtTruth: "nmmfit toys --statistic t --mu M"
        case .feldmanCousinsCoverage: "`nmmfit coverage --method feldman-cousins` (locally)"
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
            throw ValidationError(e.field == option ? "\(option) \(e.message)" : e.message)
        }
    }

    /// The same for a product of counts (computed without overflow), e.g. toys × grid points.
    func validate(product factors: [Int], option: String) throws {
        do { try check(product: factors, option: option) } catch let e as InputError {
            throw ValidationError(e.field == option ? "\(option): \(e.message)" : e.message)
        }
    }
}
