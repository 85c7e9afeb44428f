import Likelihood

extension IntervalMethod {
    /// The interval method of an asymptotic construction.
    public init(asymptotic m: AsymptoticInterval.Method) {
        switch m {
        case .unified: self = .asymptoticUnified
        case .wilks: self = .wilks
        }
    }
}
