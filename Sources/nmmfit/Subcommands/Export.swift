import Analysis
import ArgumentParser
import Detector
import Formats
import Foundation
import Likelihood
import Report

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the likelihood model as a pyhf JSON workspace or nmmfit's own model spec, or the fit's results as a HEPData submission.",
        discussion: """
        --format pyhf writes a pyhf workspace (schema 1.0.0) whose POI mu_nu_squared is \
        (μν/μ_ref)², μν² in units of μ_ref² (10⁻²² μB² by default), so its best fit compares \
        directly with `nmmfit fit`'s μν². With -o FILE.json it also writes FILE.metadata.json \
        saying so (pyhf's schema has no place for it) and how pyhf's CLs upper limit on the POI \
        (95 % CL by default, one-sided) relates to nmmfit's unified μν interval \
        (90 % CL by default): μν = μ_ref √POI. Gaussian normalisations become normsys modifiers (a \
        ≲ σ²/8 difference from nmmfit's linear factors); load histosys models with \
        modifier_settings={"normsys": {"interpcode": "code4"}, "histosys": {"interpcode": "code0"}} \
        to match nmmfit's interpolation (see validation/pyhf_crosscheck.py). --format spec writes \
        the model spec that `nmmfit fit --spec` reads. JSON is pretty-printed with sorted keys, \
        to stdout or atomically to -o FILE. --format hepdata fits the data and writes a HEPData \
        submission folder -o DIR (submission.yaml; limits.yaml: observed interval, median \
        expected limit and best fit; scan.yaml: −2ΔlnL against μν; one spectrum table per \
        dataset with the observed counts and the fitted components; provenance.json and the \
        record's comment: the build, the command line and the SHA-256 of the data files), μν in \
        10⁻¹¹ μB, energies in keV; check it with HEPData's validator (`hepdata-validate -d DIR`, pip package \
        hepdata-validator).
        """)

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case pyhf, spec, hepdata
    }

    @OptionGroup var data: DataOptions
    @OptionGroup var physics: PhysicsOptions

    @Option(help: "Output format: a pyhf JSON workspace, nmmfit's model spec (schemas/model-spec.schema.json), or a HEPData submission folder of the fit's results (needs -o DIR).")
    var format: OutputFormat = .pyhf

    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of stdout; with --format hepdata the submission folder (created when missing).")
    var output: String?

    @Flag(help: "Overwrite an existing output file.")
    var force = false

    @Option(help: "Upper bound of the pyhf POI mu_nu_squared, in units of μ_ref² (default: the spec's mu_nu bound squared, else a data-driven power of ten).")
    var poiUpper: Double?

    @Flag(name: .shortAndLong, help: "Print nothing on stderr.")
    var quiet = false

    @OptionGroup var interval: IntervalOptions

    @Option(help: "With --format hepdata: points of the profile-likelihood scan (0 to 2.2 × the interval's upper end).")
    var scanPoints: Int?

    func validate() throws {
        if let u = poiUpper, !(u.isFinite && u > 0) { throw ValidationError("--poi-upper must be positive, got \(u)") }
        if poiUpper != nil && format != .pyhf { throw ValidationError("--poi-upper applies to --format pyhf only") }
        if format == .hepdata && output == nil { throw ValidationError("--format hepdata writes a folder: give -o DIR") }
        if let n = scanPoints { try ResourceLimit.gridPoints.validate(n, option: "--scan-points") }
        try OptionApplicability.check([
            .init(option: "--scan-points", given: scanPoints != nil, acts: format == .hepdata, when: "with --format hepdata"),
            .init(option: "--cl/--interval-method", given: interval.clGiven != nil || interval.intervalMethodGiven != nil, acts: format == .hepdata,
                  when: "with --format hepdata (the exported limits)"),
        ])
    }

    func run() throws {
        try CLIErrors.run {
            if format == .hepdata, let output { return try exportHEPData(to: output) }
            try OutputTargets.check(files: [output, format == .pyhf ? output.map(Self.metadataPath) : nil], force: force)
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
            case .hepdata:
                throw ValidationError("--format hepdata writes a folder: give -o DIR")
            }
            // pyhf's workspace schema admits no extra keys: what its POI means goes beside it
            let meta = format == .pyhf ? PyhfExportMetadata(spec: spec, workspace: output) : nil
            if let output {
                try OutputFile.write(bytes, to: output, force: force)
                if let meta {
                    // the metadata is a result document: with this run's provenance (build, command, data digests)
                    let doc = ResultDocument(meta, provenance: try data.provenance(physics: physics))
                    try OutputFile.write(try ResultEncoder.encode(doc), to: Self.metadataPath(output), force: force)
                }
                if !quiet { Console.error("wrote \(output) (\(summary))" + (meta == nil ? "" : " and \(Self.metadataPath(output))")) }
            } else {
                Console.out(bytes + Data("\n".utf8))
            }
            if let meta, !quiet { Console.error(meta.text) }
        }
    }

    /// Where the pyhf workspace's metadata goes: `x.json` → `x.metadata.json`.
    static func metadataPath(_ workspace: String) -> String {
        (workspace.hasSuffix(".json") ? String(workspace.dropLast(5)) : workspace) + ".metadata.json"
    }

    /// Fits the data (as `nmmfit fit`, without compatibility toys), scans the profile likelihood
    /// and writes the HEPData submission folder.
    func exportHEPData(to directory: String) throws {
        try HEPDataSubmission.checkTarget(directory, force: force)
        // a --spec's saved CL and method apply unless given (the library's rule)
        let settings = try interval.settings(data) { if !quiet { Console.error($0) } }
        let submission = try HEPDataRecord.fitSubmission(
            config: data.spec == nil ? try data.config(physics: physics) : nil,
            specModel: data.spec == nil ? nil : try data.model(physics: physics),
            cl: settings.cl, method: settings.asymptoticMethod, scanPoints: scanPoints,
            provenance: try data.provenance(physics: physics), dataDirectory: data.dataDir)
        let files = try submission.write(to: directory, force: force)
        if !quiet { Console.error("wrote \(files.count) files to \(directory)/ (HEPData submission: \(submission.tables.count) tables)") }
    }
}
