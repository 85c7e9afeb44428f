import Likelihood

extension SavedAnalysis {
    /// The confidence level and interval construction a reader of a model spec uses, by the one
    /// rule every reader applies (`nmmfit fit`, `interval`, `scan`, `sensitivity`, `coverage`,
    /// `export` with `--spec`, and the C interface's `spec` key): a choice the spec's saved
    /// analysis holds applies unless the caller gives it explicitly; then the given value wins
    /// and ``notes`` says so (when it differs from the saved one). Without a saved analysis (no
    /// spec, or a version-1 spec) an unset choice takes the default: CL 0.9, asymptotic-unified.
    public struct Settings: Sendable, Equatable {
        /// Confidence level of the intervals and limits.
        public var cl: Double
        /// The interval construction (Feldman–Cousins only when the caller asked for it: a spec
        /// saves an asymptotic method).
        public var method: IntervalMethod
        /// One line per explicit choice that replaced a different saved one, e.g.
        /// "--cl 0.95 replaces the confidence level 0.9 saved in the spec".
        public var notes: [String]

        /// The asymptotic construction (asymptotic-unified for Feldman–Cousins, whose grid and
        /// starting interval are asymptotic).
        public var asymptoticMethod: AsymptoticInterval.Method { method.asymptotic ?? .unified }
    }

    /// The confidence level when neither the caller nor a saved analysis gives one.
    public static let defaultCL = 0.9
    /// The interval method when neither the caller nor a saved analysis gives one.
    public static let defaultMethod = IntervalMethod.asymptoticUnified

    /// The settings of a run from `saved` (nil: no saved analysis) and the caller's explicit
    /// choices `cl` and `method` (nil: not given). `clOption` and `methodOption` name the
    /// choices as the caller's front end spells them (`--cl`, `--interval-method`, `--method`; a
    /// C-interface key), for the notes.
    public static func settings(_ saved: SavedAnalysis?, cl: Double?, method: IntervalMethod?,
                                clOption: String = "--cl", methodOption: String = "--interval-method") throws -> Settings {
        let savedMethod: IntervalMethod? = try saved.map { IntervalMethod(rawValue: try $0.method.rawValue) ?? defaultMethod }
        var notes: [String] = []
        if let saved, let cl, cl != saved.cl {
            notes.append("\(clOption) \(cl) replaces the confidence level \(saved.cl) saved in the spec")
        }
        if let savedMethod, let method, method != savedMethod {
            notes.append("\(methodOption) \(method.rawValue) replaces the interval method \(savedMethod.rawValue) saved in the spec")
        }
        return Settings(cl: cl ?? saved?.cl ?? defaultCL, method: method ?? savedMethod ?? defaultMethod, notes: notes)
    }

    /// ``settings(_:cl:method:clOption:methodOption:)`` for a caller whose choices are the
    /// asymptotic constructions only (`fit`, `sensitivity`, `export`).
    public static func settings(_ saved: SavedAnalysis?, cl: Double?, asymptoticMethod method: AsymptoticInterval.Method?,
                                clOption: String = "--cl", methodOption: String = "--interval-method") throws -> Settings {
        try settings(saved, cl: cl, method: method.map(IntervalMethod.init(asymptotic:)), clOption: clOption, methodOption: methodOption)
    }
}
