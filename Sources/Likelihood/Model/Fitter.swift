import Foundation
import GSL

/// Maximum-likelihood fitting of a ``BinnedModel``.
///
/// The primary algorithm is a projected Newton method with the exact Hessian (the model is
/// tiny: a few parameters, tens of bins), with an active set for parameters on their lower
/// bound, Levenberg damping when the Hessian is not positive definite, and an Armijo
/// backtracking line search. When it does not converge, GSL's BFGS2 (analytic gradient, bounds
/// by MINUIT transforms) takes over from the best point found. A `Fitter` owns its scratch
/// memory: one per task.
public final class Fitter {
    /// The model.
    public let model: BinnedModel
    /// Convergence: EDM below this (in −ln L units).
    public var edmTolerance = 1e-10
    /// Iteration cap for Newton.
    public var maxIterations = 100
    /// Whether a fit ends with the Hessian uncertainties and the EDM at the final point (one
    /// more evaluation and a matrix inversion). Toys that need only −ln L and the values turn
    /// it off: `errors` are then 0 and `edm` is the last Newton step's; values, −ln L and
    /// convergence are the same.
    public var computesErrors = true
    /// Scratch of the kernel at the current point, and at a line search's first trial point
    /// (swapped in when the trial is accepted, so the accepted point is not evaluated twice).
    private var ws: BinnedModel.Workspace
    private var wsTrial: BinnedModel.Workspace
    private lazy var gslMinimizer = Minimizer(dimension: model.parameterCount)
    private var free = [Int]()
    private var h = [Double]()
    private var g = [Double]()
    private var step = [Double]()
    private var trial = [Double]()
    // Cholesky scratch (reused: every entry read is written first in the same solve)
    private var cholL = [Double]()
    private var cholY = [Double]()
    /// One column of the factorisation's partial sums (owned, freed in deinit).
    private let cholS: UnsafeMutableBufferPointer<Double>
    // Error-matrix scratch: the free block of the Hessian and its inverse, row-major n × n
    private var invA = [Double]()
    private var invB = [Double]()
    private var freeIndex = [Int]()

    public init(model: BinnedModel) {
        self.model = model
        ws = BinnedModel.Workspace(model: model)
        wsTrial = BinnedModel.Workspace(model: model)
        let p = model.parameterCount
        invA = Array(repeating: 0, count: p * p)
        invB = Array(repeating: 0, count: p * p)
        freeIndex.reserveCapacity(p)
        h = Array(repeating: 0, count: p * p)
        g = Array(repeating: 0, count: p)
        step = Array(repeating: 0, count: p)
        trial = Array(repeating: 0, count: p)
        cholL = Array(repeating: 0, count: p * p)
        cholY = Array(repeating: 0, count: p)
        cholS = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(p, 1))
        cholS.initialize(repeating: 0)
    }

    deinit { cholS.deallocate() }

    /// Fits with the POI free (s ≥ 0), or fixed at `fixedPOI` (internal s), starting from
    /// `start` (internal; default: the spec's initial values), holding `fixedMask` parameters
    /// (default: those the spec fixes).
    public func fit(
        _ obs: Observation, start: [Double]? = nil, fixedPOI: Double? = nil, fixedMask: [Bool]? = nil
    ) throws -> FitResult {
        let P = model.parameterCount
        var theta = start ?? model.initial
        guard theta.count == P else { throw FitError("start has \(theta.count) values, the model \(P) parameters") }
        var fixed = fixedMask ?? model.fixedBySpec
        if let s = fixedPOI {
            guard s >= 0, s.isFinite else { throw FitError("μν² must be finite and ≥ 0, got \(s)") }
            theta[model.poiIndex] = s
            fixed[model.poiIndex] = true
        }
        for p in 0..<P { theta[p] = min(max(theta[p], model.lower[p]), model.upper[p]) }
        var result = newton(obs, theta, fixed)
        if start != nil, result.iterations == 0, !result.nll.isFinite {
            // A start taken from another fit can lie where this fit's likelihood is not finite:
            // e.g. a background on its lower bound 0 next to the signal, then μν fixed at 0
            // leaves bins with events and no expected count. Begin again from the spec's
            // initial values of the free parameters (the fixed ones as given).
            var initial = model.initial
            for p in 0..<P where fixed[p] { initial[p] = theta[p] }
            for p in 0..<P { initial[p] = min(max(initial[p], model.lower[p]), model.upper[p]) }
            theta = initial
            result = newton(obs, theta, fixed)
        }
        if !result.converged {
            if let alt = try? gslFallback(obs, result.internalValues.allSatisfy(\.isFinite) ? result.internalValues : theta, fixed),
               alt.nll <= result.nll + 1e-9 || !result.nll.isFinite {
                var a = alt
                a.iterations += result.iterations
                a.notes.insert("Newton did not converge (\(result.notes.joined(separator: "; "))); BFGS2 fallback used", at: 0)
                // polish with Newton from the BFGS2 point
                let polished = newton(obs, a.internalValues, fixed)
                if polished.converged && polished.nll <= a.nll + 1e-9 {
                    var pz = polished
                    pz.notes = a.notes
                    pz.iterations += a.iterations
                    pz.method = "bfgs2+newton"
                    result = pz
                } else {
                    result = a
                }
            }
        }
        guard result.nll.isFinite else { throw FitError("the likelihood is not finite at the best point found") }
        return result
    }

    /// Unconditional fit from several starting values of the POI; reports disagreement.
    public func fitMultiStart(_ obs: Observation, poiStarts: [Double]? = nil) throws -> FitResult {
        let starts = poiStarts ?? [model.initial[model.poiIndex], 0, max(4 * model.initial[model.poiIndex], 4)]
        var best: FitResult?
        var minima: [FitResult] = []
        for s in starts {
            var st = model.initial
            st[model.poiIndex] = s
            guard let r = try? fit(obs, start: st) else { continue }
            minima.append(r)
            if best == nil || r.nll < best!.nll { best = r }
        }
        guard var b = best else { throw FitError("no starting point gave a finite likelihood") }
        let distinct = minima.filter { abs($0.nll - b.nll) > 1e-4 && $0.converged }
        if !distinct.isEmpty {
            b.notes.append("starts disagreed: \(minima.count) fits reached −lnL = \(minima.map { String(format: "%.4f", $0.nll) }.joined(separator: ", ")); the lowest is kept")
        }
        b.iterations = minima.reduce(0) { $0 + $1.iterations }
        return b
    }

    // MARK: Newton

    private func newton(_ obs: Observation, _ start: [Double], _ fixed: [Bool]) -> FitResult {
        let P = model.parameterCount
        var theta = start
        var f = model.evaluate(theta, obs, into: ws)
        var edm = Double.infinity
        var it = 0
        var converged = false
        var note = ""
        var atBound = [Bool](repeating: false, count: P)
        var fTrialKernel = Double.nan
        if !f.isFinite {
            return makeResult(obs, theta, f, fixed, atBound, edm: .infinity, it: 0, converged: false, method: "newton",
                              notes: ["likelihood not finite at the start"], evaluatedAtTheta: true)
        }
        while it < maxIterations {
            it += 1
            // active set: free parameters on a bound with the gradient pushing outwards
            free.removeAll(keepingCapacity: true)
            for p in 0..<P where !fixed[p] {
                let onLower = theta[p] <= model.lower[p] && ws.gradient[p] > 0
                let onUpper = theta[p] >= model.upper[p] && ws.gradient[p] < 0
                atBound[p] = onLower || onUpper
                if !atBound[p] { free.append(p) }
            }
            let n = free.count
            if n == 0 {
                edm = 0
                converged = true
                break
            }
            gatherFree(n, P)
            // Solve H Δ = −g with Cholesky; damp when not positive definite.
            var damping = 0.0
            var solved = false
            for _ in 0..<30 {
                if choleskySolve(n, damping) { solved = true; break }
                damping = damping == 0 ? 1e-8 * maxDiagonal(n) + 1e-12 : damping * 10
            }
            guard solved else { note = "Hessian could not be regularised"; break }
            var gd = 0.0
            for a in 0..<n { gd += g[a] * step[a] }
            edm = -0.5 * gd
            if edm >= 0 && edm < edmTolerance && damping == 0 {
                // Take the last Newton step too (quadratic convergence: it costs one
                // evaluation and leaves the parameters at machine precision).
                for p in 0..<P { trial[p] = theta[p] }
                for a in 0..<n {
                    let p = free[a]
                    trial[p] = min(max(theta[p] + step[a], model.lower[p]), model.upper[p])
                }
                // When the errors follow, the kernel at the trial point gives its −ln L (as nll
                // forms it) and the derivatives the errors need; otherwise −ln L alone.
                let ft = computesErrors ? model.evaluateBoth(trial, obs, into: wsTrial).nll : model.nll(trial, obs)
                if ft.isFinite && ft <= f + 1e-12 * max(1, abs(f)) {
                    for p in 0..<P { theta[p] = trial[p] }
                    f = ft
                    if computesErrors { (ws, wsTrial) = (wsTrial, ws) }
                }
                converged = true
                break
            }
            // Armijo backtracking with projection onto the bounds
            var t = 1.0
            var accepted = false
            var trialEvaluated = false  // wsTrial holds the kernel at the accepted trial point
            for attempt in 0..<40 {
                for p in 0..<P { trial[p] = theta[p] }
                for a in 0..<n {
                    let p = free[a]
                    trial[p] = min(max(theta[p] + t * step[a], model.lower[p]), model.upper[p])
                }
                // the full step (almost always accepted): the kernel, whose derivatives the next
                // iteration needs, with −ln L as nll forms it; shorter steps: nll alone
                let ft: Double
                let fKernel: Double
                if attempt == 0 {
                    (fKernel, ft) = model.evaluateBoth(trial, obs, into: wsTrial)
                } else {
                    ft = model.nll(trial, obs)
                    fKernel = .nan
                }
                if ft.isFinite && ft <= f + 1e-4 * t * gd {
                    accepted = true
                    if attempt == 0 {
                        trialEvaluated = true
                        fTrialKernel = fKernel
                    }
                    break
                }
                t *= 0.5
            }
            guard accepted else {
                // no decrease possible: at a minimum within rounding if EDM is tiny
                converged = edm >= 0 && edm < 1e-6
                note = converged ? "" : "line search failed (EDM \(edm))"
                break
            }
            var moved = 0.0
            for p in 0..<P { moved = max(moved, abs(trial[p] - theta[p])); theta[p] = trial[p] }
            if trialEvaluated {
                (ws, wsTrial) = (wsTrial, ws)
                f = fTrialKernel
            } else {
                f = model.evaluate(theta, obs, into: ws)
            }
            if moved == 0 && edm < 1e-6 {
                converged = true
                break
            }
        }
        if !converged && note.isEmpty { note = "iteration limit \(maxIterations) reached" }
        // Every exit leaves `ws` at θ: the line search's trials go to `wsTrial`, swapped in only
        // with the point they were evaluated at.
        return makeResult(obs, theta, f, fixed, atBound, edm: edm, it: it, converged: converged, method: "newton",
                          notes: note.isEmpty ? [] : [note], evaluatedAtTheta: true)
    }

    /// g and H restricted to the free parameters (through buffer pointers: the stored arrays
    /// would pay an exclusivity check on every element).
    private func gatherFree(_ n: Int, _ P: Int) {
        ws.gradient.withUnsafeBufferPointer { wg in
            ws.hessian.withUnsafeBufferPointer { wh in
                free.withUnsafeBufferPointer { fr in
                    g.withUnsafeMutableBufferPointer { gg in
                        h.withUnsafeMutableBufferPointer { hh in
                            for a in 0..<n {
                                gg[a] = wg[fr[a]]
                                let row = fr[a] * P
                                for b in 0..<n { hh[a * n + b] = wh[row + fr[b]] }
                            }
                        }
                    }
                }
            }
        }
    }

    private func maxDiagonal(_ n: Int) -> Double {
        var m = 0.0
        for a in 0..<n { m = max(m, abs(h[a * n + a])) }
        return m
    }

    /// Solves (H + damping·I) step = −g in place (Cholesky on a copy); false if not PD.
    private func choleskySolve(_ n: Int, _ damping: Double) -> Bool {
        cholL.withUnsafeMutableBufferPointer { l in
            cholY.withUnsafeMutableBufferPointer { y in
                h.withUnsafeBufferPointer { h in
                    g.withUnsafeBufferPointer { g in
                        step.withUnsafeMutableBufferPointer { step in choleskySolve(n, damping, h, g, l, y, step) }
                    }
                }
            }
        }
    }

    private func choleskySolve(_ n: Int, _ damping: Double, _ h: UnsafeBufferPointer<Double>, _ g: UnsafeBufferPointer<Double>,
                               _ l: UnsafeMutableBufferPointer<Double>, _ y: UnsafeMutableBufferPointer<Double>,
                               _ step: UnsafeMutableBufferPointer<Double>) -> Bool {
        // Column by column: each L_ij = (H_ij − Σ_k<j L_ik L_jk) / L_jj with the sum over k in
        // ascending order, the row-by-row form's numbers, but the rows of one column are
        // independent sums that the processor can overlap. The first non-positive pivot is the
        // same in either order (it depends only on the columns before it).
        let sc = cholS
        for j in 0..<n {
            for i in j..<n { sc[i] = h[i &* n &+ j] + (i == j ? damping : 0) }
            let rowJ = j &* n
            for k in 0..<j {
                let ljk = l[rowJ &+ k]
                var i = j
                while i < n {
                    sc[i] -= l[i &* n &+ k] * ljk
                    i &+= 1
                }
            }
            guard sc[j] > 0 else { return false }
            let d = sc[j].squareRoot()
            l[rowJ &+ j] = d
            var i = j &+ 1
            while i < n {
                l[i &* n &+ j] = sc[i] / d
                i &+= 1
            }
        }
        for i in 0..<n {
            var s = -g[i]
            for k in 0..<i { s -= l[i * n + k] * y[k] }
            y[i] = s / l[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = y[i]
            for k in (i + 1)..<n { s -= l[k * n + i] * step[k] }
            step[i] = s / l[i * n + i]
        }
        return true
    }

    /// The result at θ; with ``computesErrors``, the Hessian errors and the EDM there (from the
    /// kernel at θ: `ws` when `evaluatedAtTheta`, else evaluated here).
    private func makeResult(_ obs: Observation, _ theta: [Double], _ f: Double, _ fixed: [Bool], _ atBound: [Bool], edm: Double, it: Int,
                            converged: Bool, method: String, notes: [String], evaluatedAtTheta: Bool = false) -> FitResult {
        let P = model.parameterCount
        var errors = [Double](repeating: 0, count: P)
        var edmValue = edm
        if f.isFinite && computesErrors {
            if !evaluatedAtTheta { _ = model.evaluate(theta, obs, into: ws) }  // gradient and Hessian at the final point
            freeIndex.removeAll(keepingCapacity: true)
            for p in 0..<P where !fixed[p] && !atBound[p] { freeIndex.append(p) }
            let n = freeIndex.count
            let inverted = ws.hessian.withUnsafeBufferPointer { wh in
                freeIndex.withUnsafeBufferPointer { idx in
                    invA.withUnsafeMutableBufferPointer { a in
                        invB.withUnsafeMutableBufferPointer { inv in
                            for r in 0..<n { for c in 0..<n { a[r * n + c] = wh[idx[r] * P + idx[c]] } }
                            return invertInPlace(n, a, inv)
                        }
                    }
                }
            }
            if inverted {
                invB.withUnsafeBufferPointer { cov in
                    ws.gradient.withUnsafeBufferPointer { g in
                        for (k, p) in freeIndex.enumerated() { errors[p] = max(cov[k * n + k], 0).squareRoot() }
                        // EDM = ½ gᵀ H⁻¹ g over the free parameters, recomputed at the final point
                        var e = 0.0
                        for (a, p) in freeIndex.enumerated() {
                            for (b, q) in freeIndex.enumerated() { e += g[p] * cov[a * n + b] * g[q] }
                        }
                        edmValue = 0.5 * e
                    }
                }
            } else if !edmValue.isFinite {
                edmValue = -1
            }
        }
        return FitResult(names: model.parameterNames, internalValues: theta, muNu: model.muNu(fromInternal: theta[model.poiIndex]),
                         errors: errors, nll: f, converged: converged, iterations: it, edm: edmValue, fixed: fixed,
                         atBound: atBound, method: method, notes: notes)
    }

    // MARK: GSL fallback

    private func gslFallback(_ obs: Observation, _ start: [Double], _ fixed: [Bool]) throws -> FitResult {
        let P = model.parameterCount
        let freeIdx = (0..<P).filter { !fixed[$0] }
        guard !freeIdx.isEmpty else { throw FitError("no free parameters") }
        let minimizer = freeIdx.count == P ? gslMinimizer : Minimizer(dimension: freeIdx.count)
        var full = start
        let bounds = freeIdx.map { p in
            ParameterBounds(lower: model.lower[p].isFinite ? model.lower[p] : nil,
                            upper: model.upper[p].isFinite ? model.upper[p] : nil)
        }
        let r = try minimizer.minimize(
            start: freeIdx.map { start[$0] }, bounds: bounds, method: .bfgs2(step: 0.01, lineTolerance: 0.1),
            tolerance: 1e-7, maxIterations: 2000,
            f: { x in
                for (k, p) in freeIdx.enumerated() { full[p] = x[k] }
                return self.model.nll(full, obs)
            },
            gradient: { x, grad in
                for (k, p) in freeIdx.enumerated() { full[p] = x[k] }
                _ = self.model.evaluate(full, obs, into: self.ws)
                for (k, p) in freeIdx.enumerated() { grad[k] = self.ws.gradient[p] }
            })
        for (k, p) in freeIdx.enumerated() { full[p] = r.x[k] }
        let atBound = (0..<P).map { !fixed[$0] && (full[$0] <= model.lower[$0] || full[$0] >= model.upper[$0]) }
        return makeResult(obs, full, r.value, fixed, atBound, edm: -1, it: r.iterations, converged: r.converged,
                          method: "bfgs2", notes: r.converged ? [] : [r.stopReason])
    }
}

/// ``invert(_:)`` on flat row-major n × n buffers, without allocating: `a` (destroyed) is
/// inverted into `inv`; false if singular. The same pivots and the same operations in the same
/// order as ``invert(_:)``, so the same numbers; the row operations on `a` skip the columns left of
/// the pivot, which hold exact zeros there (x − f·0 = x) and are never read again.
func invertInPlace(_ n: Int, _ a: UnsafeMutableBufferPointer<Double>, _ inv: UnsafeMutableBufferPointer<Double>) -> Bool {
    if n == 0 { return true }
    for r in 0..<n { for c in 0..<n { inv[r * n + c] = r == c ? 1.0 : 0.0 } }
    for c in 0..<n {
        var piv = c
        for r in c..<n where abs(a[r * n + c]) > abs(a[piv * n + c]) { piv = r }
        guard abs(a[piv * n + c]) > 1e-300 else { return false }
        if piv != c {
            for k in 0..<n {
                a.swapAt(c * n + k, piv * n + k)
                inv.swapAt(c * n + k, piv * n + k)
            }
        }
        let rc = c * n
        let d = a[rc + c]
        for k in c..<n { a[rc + k] /= d }
        for k in 0..<n { inv[rc + k] /= d }
        let ap = a.baseAddress!, ip = inv.baseAddress!
        for r in 0..<n where r != c {
            let rr = r &* n
            let f = ap[rr &+ c]
            if f == 0 { continue }
            var k = c
            while k < n { ap[rr &+ k] -= f * ap[rc &+ k]; k &+= 1 }
            k = 0
            while k < n { ip[rr &+ k] -= f * ip[rc &+ k]; k &+= 1 }
        }
    }
    return true
}

/// Inverts a small symmetric positive-definite matrix (Gauss–Jordan); nil if singular.
func invert(_ m: [[Double]]) -> [[Double]]? {
    let n = m.count
    if n == 0 { return [] }
    var a = m
    var inv = (0..<n).map { i in (0..<n).map { $0 == i ? 1.0 : 0.0 } }
    for c in 0..<n {
        var piv = c
        for r in c..<n where abs(a[r][c]) > abs(a[piv][c]) { piv = r }
        guard abs(a[piv][c]) > 1e-300 else { return nil }
        a.swapAt(c, piv)
        inv.swapAt(c, piv)
        let d = a[c][c]
        for k in 0..<n { a[c][k] /= d; inv[c][k] /= d }
        for r in 0..<n where r != c {
            let f = a[r][c]
            if f == 0 { continue }
            for k in 0..<n { a[r][k] -= f * a[c][k]; inv[r][k] -= f * inv[c][k] }
        }
    }
    return inv
}
