/// Things a user sets or runs, named in library terms in library messages: a library error
/// does not name a front end's options or commands. A front end words them its own way
/// (``wording``), as it does remedies (``InputError/remedyWording``).
public enum FrontEndTerm: String, Sendable, Equatable, CaseIterable {
    /// A dataset's own energy window (``DatasetWindow``).
    case window
    /// A dataset spec override (`DatasetSpec.Override`).
    case datasetOverride
    /// The data folder named by the user.
    case dataDirectory
    /// The number of tested μν of a Feldman–Cousins grid.
    case gridPoints
    /// The largest tested μν of a Feldman–Cousins grid.
    case gridMax
    /// Critical values from toy-study files instead of toys thrown in the run.
    case fromToys
    /// How to make a t̃ toy study at its true μν.
    case tStudyAtTruth
    /// How to run a Feldman–Cousins coverage study with inner toys.
    case feldmanCousinsCoverage
    /// A measured muon anomaly supplied by the user.
    case measuredMuonAnomaly
    /// Overwriting allowed by the user.
    case overwriteAllowed
    /// The fit-result JSON (``MuNuBand`` reads it).
    case fitResult

    /// The wording in library terms (the default of ``wording``).
    public var libraryWording: String {
        switch self {
        case .window: "window"
        case .datasetOverride: "override"
        case .dataDirectory: "the data directory"
        case .gridPoints: "grid points"
        case .gridMax: "grid maximum"
        case .fromToys: "toy files"
        case .tStudyAtTruth: "toys of t̃ tested at their true μν"
        case .feldmanCousinsCoverage: "the Feldman–Cousins coverage study with inner toys"
        case .measuredMuonAnomaly: "a measured Δa_μ and its uncertainty"
        case .overwriteAllowed: "also when overwriting is allowed"
        case .fitResult: "fit result"
        }
    }

    /// The term as the front end words it.
    public var text: String { Self.wording(self) }

    /// How terms are worded in messages. A front end sets it once at start-up, before any work
    /// (the `nmmfit` tool names its options: `CLIErrors.term`), so it is never written while
    /// messages are made.
    nonisolated(unsafe) public static var wording: @Sendable (FrontEndTerm) -> String = { $0.libraryWording }
}
