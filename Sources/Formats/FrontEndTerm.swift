/// Things a user sets or runs, named as values in library messages (``FrontEndText``, written
/// `\(term: .window)`): a library error does not name a front end's options or commands. A
/// front end words them its own way when it prints the message (``FrontEndWording``), as it
/// does remedies (``InputError/Remedy``).
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
    /// How to make a background-only q0 toy study (μν = 0), the study of the discovery test's toy p-value.
    case backgroundOnlyStudy
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
        case .backgroundOnlyStudy: "toys of q0 at μν = 0"
        case .feldmanCousinsCoverage: "the Feldman–Cousins coverage study with inner toys"
        case .measuredMuonAnomaly: "a measured Δa_μ and its uncertainty"
        case .overwriteAllowed: "also when overwriting is allowed"
        case .fitResult: "fit result"
        }
    }

    /// The term in library terms. Messages interpolate the term itself (`\(term: .window)`)
    /// so that each front end words it when it prints them.
    @available(*, deprecated, message: "interpolate the term into a FrontEndText: \\(term: .window)")
    public var text: String { libraryWording }
}
