import ArgumentParser
import Likelihood

/// `--interval-method asymptotic-unified|wilks` as a typed option (ArgumentParser lists the
/// values and the default itself).
extension AsymptoticInterval.Method: ExpressibleByArgument {}
