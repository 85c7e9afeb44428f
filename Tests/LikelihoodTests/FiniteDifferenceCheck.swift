import Testing
@testable import Likelihood

/// One check of `BinnedModel.evaluate`'s derivatives for the kernel tests: the gradient against
/// central differences of `nll`, the Hessian against central differences of the gradient (step
/// 10⁻⁶, relative tolerance 10⁻⁵), and the Hessian's symmetry.
func expectDerivativesMatchFiniteDifferences(_ m: BinnedModel, at theta: [Double]) {
    let obs = m.observed
    let ws = BinnedModel.Workspace(model: m)
    _ = m.evaluate(theta, obs, into: ws)
    let P = m.parameterCount
    let grad = ws.gradient, hess = ws.hessian
    let h = 1e-6
    for p in 0..<P {
        var up = theta, dn = theta
        up[p] += h
        dn[p] -= h
        let fd = (m.nll(up, obs) - m.nll(dn, obs)) / (2 * h)
        #expect(abs(grad[p] - fd) <= 1e-5 * max(1, abs(fd)), "∂/∂θ\(p): \(grad[p]) vs \(fd)")
        let wsUp = BinnedModel.Workspace(model: m), wsDn = BinnedModel.Workspace(model: m)
        _ = m.evaluate(up, obs, into: wsUp)
        _ = m.evaluate(dn, obs, into: wsDn)
        for q in 0..<P {
            let fdH = (wsUp.gradient[q] - wsDn.gradient[q]) / (2 * h)
            #expect(abs(hess[p * P + q] - fdH) <= 1e-5 * max(1, abs(fdH)), "∂²/∂θ\(p)∂θ\(q): \(hess[p * P + q]) vs \(fdH)")
            #expect(hess[p * P + q] == hess[q * P + p])
        }
    }
}
