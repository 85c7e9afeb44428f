import ArgumentParser
import Formats
import Foundation
import Likelihood

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the likelihood model as a pyhf JSON workspace or as nmmfit's own model spec.",
        discussion: """
        --format pyhf writes a pyhf workspace (schema 1.0.0) whose POI mu_nu_squared is \
        (μν/μ_ref)², μν² in units of μ_ref² (10⁻²² μB² by default), so its best fit compares \
        directly with `nmmfit fit`'s μν². Gaussian normalisations become normsys modifiers (a \
        ≲ σ²/8 difference from nmmfit's linear factors); load histosys models with \
        modifier_settings={"normsys": {"interpcode": "code4"}, "histosys": {"interpcode": "code0"}} \
        to match nmmfit's interpolation (see validation/pyhf_crosscheck.py). --format spec writes \
        the model spec that `nmmfit fit --spec` reads. JSON is pretty-printed with sorted keys, \
        to stdout or atomically to -o FILE.
        """)

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case pyhf, spec
    }

    @OptionGroup var data: DataOptions
    @OptionGroup var physics: PhysicsOptions

    @Option(help: "Output format: a pyhf JSON workspace, or nmmfit's model spec (schemas/model-spec.schema.json).")
    var format: OutputFormat = .pyhf

    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of stdout.")
    var output: String?

    @Flag(help: "Overwrite an existing output file.")
    var force = false

    @Option(help: "Upper bound of the pyhf POI mu_nu_squared, in units of μ_ref² (default: the spec's mu_nu bound squared, else a data-driven power of ten).")
    var poiUpper: Double?

    @Flag(name: .shortAndLong, help: "Print nothing on stderr.")
    var quiet = false

    func validate() throws {
        if let u = poiUpper, !(u.isFinite && u > 0) { throw ValidationError("--poi-upper must be positive, got \(u)") }
        if poiUpper != nil && format != .pyhf { throw ValidationError("--poi-upper applies to --format pyhf only") }
    }

    func run() throws {
        try CLIErrors.run {
            try OutputTargets.check(files: [output], force: force)
            let spec = try data.model(physics: physics).spec
            let bytes: Data
            let summary: String
            switch format {
            case .pyhf:
                let ws = try PyhfExport.workspace(from: spec, options: .init(poiUpperBound: poiUpper), file: data.spec)
                bytes = try ws.jsonData()
                let bins = ws.observations.reduce(0) { $0 + $1.data.count }
                summary = "pyhf workspace \(PyhfWorkspace.schemaVersion): \(ws.channels.count) channel(s), \(bins) bins, "
                    + "\(ws.measurements[0].config.parameters.count) parameters; POI \(PyhfExport.poiName) = (μν / \(Format.g(spec.muNuReferenceMuB)) μB)²"
            case .spec:
                bytes = try spec.jsonData()
                summary = "nmmfit model spec: \(spec.channels.count) channel(s), \(spec.parameters.count) parameters"
            }
            if let output {
                try OutputFile.write(bytes, to: output, force: force)
                if !quiet { Console.error("wrote \(output) (\(summary))") }
            } else {
                Console.out(bytes + Data("\n".utf8))
            }
        }
    }
}
