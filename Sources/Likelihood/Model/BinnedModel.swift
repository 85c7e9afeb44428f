import Foundation

/// Observed data for a ``BinnedModel``: counts per bin (all channels, concatenated) and the
/// auxiliary measurements of the Gaussian-constrained parameters (their nominal means for real
/// data; fluctuated for toys).
public struct Observation: Sendable, Equatable, Codable {
    /// Observed counts per bin.
    public var counts: [Double]
    /// Auxiliary measurement per parameter (ignored for unconstrained ones).
    public var auxiliary: [Double]
    public init(counts: [Double], auxiliary: [Double]) {
        self.counts = counts
        self.auxiliary = auxiliary
    }
}

/// A ``ModelSpec`` compiled to flat arrays for fast evaluation of
/// ```
/// −ln L = Σ_i [λ_i − n_i ln λ_i + ln Γ(n_i + 1)] + Σ_p∈Gauss ½ ((θ_p − a_p)/σ_p)²
/// ```
/// (Cowan, Cranmer, Gross & Vitells, EPJC 71 (2011) 1554, Eq. 6–7), its gradient and its
/// Hessian. Internally the parameter of interest is s = (μν/μ_ref)² ≥ 0, in which the rate is
/// linear; ``muNu(fromInternal:)`` converts.
///
/// Immutable and `Sendable`; per-task scratch memory lives in ``Workspace``.
public final class BinnedModel: Sendable {
    /// Parameter names; ``poiIndex`` is the parameter of interest (`mu_nu` unless the spec
    /// names another, ``parameterOfInterest``).
    public let parameterNames: [String]
    /// Index of the parameter of interest.
    public let poiIndex: Int
    /// μ_ref (μB).
    public let muNuReference: Double
    /// Internal lower/upper bounds (−∞/+∞ when none).
    public let lower: [Double]
    public let upper: [Double]
    /// Gaussian constraint σ per parameter (0 = unconstrained).
    public let constraintSigma: [Double]
    /// Nominal auxiliary values (the Gaussian means).
    public let nominalAuxiliary: [Double]
    /// Parameters fixed by the spec.
    public let fixedBySpec: [Bool]
    /// Internal starting values.
    public let initial: [Double]
    /// Total number of bins and per-channel ranges.
    public let binCount: Int
    public let channelNames: [String]
    public let channelRanges: [Range<Int>]
    public let binEdges: [[Double]]
    /// Observed data of the spec.
    public let observed: Observation
    /// The spec this model was compiled from.
    public let spec: ModelSpec

    struct CompiledSample: Sendable {
        var name: String
        var offset: Int
        var counts: [Double]
        var factors: [Int]
        /// (parameter, up − nominal, nominal − down)
        var histosys: [(Int, [Double], [Double])]
        var isSignal: Bool
    }
    let samples: [CompiledSample]
    /// The same samples in flat arrays for the hot loops.
    let flat: FlatSamples

    /// Number of parameters.
    public var parameterCount: Int { parameterNames.count }

    /// The parameter of interest (name, unit, symbol) of the spec's signal model.
    public var parameterOfInterest: ParameterOfInterest { spec.poi }

    /// Compiles a validated spec.
    public init(spec: ModelSpec) throws {
        try spec.validate()
        self.spec = spec
        let names = spec.parameters.map(\.name)
        parameterNames = names
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let poiName = spec.poi.name
        poiIndex = index[poiName]!
        muNuReference = spec.muNuReferenceMuB
        var lo = [Double](), up = [Double](), sig = [Double](), aux = [Double](), fixed = [Bool](), ini = [Double]()
        for (k, p) in spec.parameters.enumerated() {
            if k == index[poiName]! {
                lo.append(0)
                up.append(p.upper.map { ($0 / spec.muNuReferenceMuB) * ($0 / spec.muNuReferenceMuB) } ?? .infinity)
                let r = p.initial / spec.muNuReferenceMuB
                ini.append(r * r)
            } else {
                lo.append(p.lower ?? -.infinity)
                up.append(p.upper ?? .infinity)
                ini.append(p.initial)
            }
            switch p.constraint.type {
            case .gaussian:
                sig.append(p.constraint.sigma!)
                aux.append(p.constraint.mean ?? 1)
            case .free, .fixed:
                sig.append(0)
                aux.append(p.constraint.mean ?? p.initial)
            }
            fixed.append(p.constraint.type == .fixed)
        }
        lower = lo
        upper = up
        constraintSigma = sig
        nominalAuxiliary = aux
        fixedBySpec = fixed
        initial = ini
        var offset = 0
        var ranges: [Range<Int>] = [], compiled: [CompiledSample] = [], counts: [Double] = [], edges: [[Double]] = []
        for ch in spec.channels {
            let n = ch.observed.count
            for s in ch.samples {
                let hs = (s.histosys ?? []).map { h in
                    (index[h.parameter]!, zip(h.up, s.counts).map { $0 - $1 }, zip(s.counts, h.down).map { $0 - $1 })
                }
                compiled.append(CompiledSample(name: s.name, offset: offset, counts: s.counts,
                                               factors: s.factors.map { index[$0]! }, histosys: hs,
                                               isSignal: s.factors.contains(poiName)))
            }
            ranges.append(offset..<(offset + n))
            counts += ch.observed
            edges.append(ch.binEdgesKeV)
            offset += n
        }
        samples = compiled
        binCount = offset
        flat = FlatSamples(samples: compiled, binCount: offset)
        channelRanges = ranges
        channelNames = spec.channels.map(\.name)
        binEdges = edges
        observed = Observation(counts: counts, auxiliary: aux)
    }

    /// μν (μB) from the internal s = (μν/μ_ref)².
    @inlinable public func muNu(fromInternal s: Double) -> Double { muNuReference * max(s, 0).squareRoot() }
    /// Internal s from μν (μB).
    @inlinable public func internalPOI(muNu: Double) -> Double { (muNu / muNuReference) * (muNu / muNuReference) }

    /// Scratch buffers for one task.
    public final class Workspace {
        var lambda: [Double]
        var dLambda: [Double]  // bin-major: [i * P + p]
        var gradient: [Double]
        var hessian: [Double]  // P × P
        /// Per sample and bin (the layout of the flat sample counts): the content c_s,j(θ) with
        /// its histosys shifts, kept from the first pass of the kernel for its second-order pass.
        var content: [Double]
        let p: Int
        public init(model: BinnedModel) {
            p = model.parameterCount
            content = Array(repeating: 0, count: model.flat.counts.count)
            lambda = Array(repeating: 0, count: model.binCount)
            dLambda = Array(repeating: 0, count: model.binCount * model.parameterCount)
            gradient = Array(repeating: 0, count: model.parameterCount)
            hessian = Array(repeating: 0, count: model.parameterCount * model.parameterCount)
        }
    }

    /// Expected counts per bin at internal parameters θ.
    public func expected(_ theta: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: binCount)
        theta.withUnsafeBufferPointer { th in out.withUnsafeMutableBufferPointer { accumulateExpected(th, into: $0) } }
        return out
    }

    /// Sample s's factor product F_s(θ).
    @inline(__always)
    private func sampleFactor(_ s: CompiledSample, _ theta: [Double]) -> Double {
        var f = 1.0
        for k in s.factors { f *= theta[k] }
        return f
    }

    /// Sample s's content in bin j with its histosys shifts, c_s,j(θ).
    @inline(__always)
    private func sampleContent(_ s: CompiledSample, _ j: Int, _ theta: [Double]) -> Double {
        var c = s.counts[j]
        for (p, upD, dnD) in s.histosys { c += theta[p] >= 0 ? theta[p] * upD[j] : theta[p] * dnD[j] }
        return c
    }

    /// Adds λ_i(θ) = Σ_s F_s(θ) c_s,i(θ) into `out` (which the caller zeroes); the same sums, in
    /// the same order, as ``sampleFactor(_:_:)`` × ``sampleContent(_:_:_:)`` per sample.
    private func accumulateExpected(_ theta: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
        let F = flat
        for si in 0..<F.sampleCount {
            var f = 1.0
            for k in F.factorStart[si]..<F.factorStart[si + 1] { f *= theta[F.factors[k]] }
            let h0 = F.histoStart[si], h1 = F.histoStart[si + 1]
            let c0 = F.countStart[si], off = F.binOffset[si]
            for j in 0..<F.length[si] {
                var c = F.counts[c0 + j]
                for h in h0..<h1 {
                    let p = F.histoParam[h], d = F.histoDataStart[h] + j
                    c += theta[p] >= 0 ? theta[p] * F.up[d] : theta[p] * F.down[d]
                }
                out[off + j] += f * c
            }
        }
    }

    /// Expected counts of each sample (name, channel, counts) at internal θ.
    public func expectedBySample(_ theta: [Double]) -> [(sample: String, channel: Int, counts: [Double])] {
        samples.map { s in
            let f = sampleFactor(s, theta)
            let counts = (0..<s.counts.count).map { f * sampleContent(s, $0, theta) }
            let ch = channelRanges.firstIndex { $0.contains(s.offset) }!
            return (s.name, ch, counts)
        }
    }

    /// −ln L at internal θ (without the constant Σ ln n_i!); +∞ where some λ_i ≤ 0 with n_i > 0.
    public func nll(_ theta: [Double], _ obs: Observation) -> Double {
        theta.withUnsafeBufferPointer { th in
            obs.counts.withUnsafeBufferPointer { nn in nll(th, nn, obs.auxiliary) }
        }
    }

    private func nll(_ theta: UnsafeBufferPointer<Double>, _ counts: UnsafeBufferPointer<Double>, _ aux: [Double]) -> Double {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: binCount) { lam in
            lam.update(repeating: 0)
            accumulateExpected(theta, into: lam)
            var v = 0.0
            for i in 0..<binCount {
                let l = lam[i], n = counts[i]
                if l <= 0 {
                    if n > 0 { return .infinity }
                    continue
                }
                v += l - n * log(l)
            }
            for p in 0..<parameterCount where constraintSigma[p] > 0 {
                let z = (theta[p] - aux[p]) / constraintSigma[p]
                v += 0.5 * z * z
            }
            return v
        }
    }

    /// −ln L with its gradient and Hessian (exact: λ is multilinear in the factors and
    /// piecewise linear in histosys parameters), written into `ws`.
    /// ```
    /// ∂(−lnL)/∂θ_p  = Σ_i (1 − n_i/λ_i) ∂_p λ_i + (θ_p − a_p)/σ_p²
    /// ∂²(−lnL)/∂θ_p∂θ_q = Σ_i [n_i/λ_i² ∂_p λ_i ∂_q λ_i + (1 − n_i/λ_i) ∂_pq λ_i] + δ_pq/σ_p²
    /// ```
    @discardableResult
    public func evaluate(_ theta: [Double], _ obs: Observation, into ws: Workspace) -> Double {
        evaluateBoth(theta, obs, into: ws).value
    }

    /// ``evaluate(_:_:into:)`` that also returns −ln L exactly as ``nll(_:_:)`` forms it (the same
    /// λ, the same sum over bins, the constraint terms written as ½ z² instead of ½ d²/σ², which
    /// may differ in the last bit): one pass serves a line search's trial value and the
    /// derivatives at the accepted point.
    func evaluateBoth(_ theta: [Double], _ obs: Observation, into ws: Workspace) -> (value: Double, nll: Double) {
        // Unsafe buffers once per call: class-stored arrays would otherwise pay an exclusivity
        // check and a bounds check on every element access in these hot loops.
        ws.lambda.withUnsafeMutableBufferPointer { lam in
            ws.dLambda.withUnsafeMutableBufferPointer { dl in
                ws.gradient.withUnsafeMutableBufferPointer { gr in
                    ws.hessian.withUnsafeMutableBufferPointer { he in
                        ws.content.withUnsafeMutableBufferPointer { cc in
                            theta.withUnsafeBufferPointer { th in
                                obs.counts.withUnsafeBufferPointer { nn in
                                    kernel(th, nn, obs.auxiliary, lam, dl, cc, gr, he)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The kernel of ``evaluateBoth(_:_:into:)``. Every sum is formed in the order of the
    /// general form (samples, bins, factors a < b, histosys terms); samples with two or three
    /// factors, the shipped models' case, have the products over the other factors written out
    /// (g = c·θ_b·θ_m in the general loop's order), which gives the same numbers.
    private func kernel(
        _ th: UnsafeBufferPointer<Double>, _ nn: UnsafeBufferPointer<Double>, _ aux: [Double],
        _ lam: UnsafeMutableBufferPointer<Double>, _ dl: UnsafeMutableBufferPointer<Double>,
        _ cc: UnsafeMutableBufferPointer<Double>,
        _ gr: UnsafeMutableBufferPointer<Double>, _ he: UnsafeMutableBufferPointer<Double>
    ) -> (value: Double, nll: Double) {
        let P = parameterCount
        lam.update(repeating: 0)
        dl.update(repeating: 0)
        gr.update(repeating: 0)
        he.update(repeating: 0)
        let F = flat
        // λ and ∂λ
        for si in 0..<F.sampleCount {
            let f0 = F.factorStart[si], nf = F.factorStart[si + 1] - f0
            var f = 1.0
            for k in f0..<(f0 + nf) { f *= th[F.factors[k]] }
            let h0 = F.histoStart[si], h1 = F.histoStart[si + 1]
            let c0 = F.countStart[si], off = F.binOffset[si]
            let q0 = nf > 0 ? F.factors[f0] : 0, q1 = nf > 1 ? F.factors[f0 + 1] : 0, q2 = nf > 2 ? F.factors[f0 + 2] : 0
            let t0 = th[q0], t1 = th[q1], t2 = th[q2]
            for j in 0..<F.length[si] {
                let bin = off + j
                let row = bin * P
                var c = F.counts[c0 + j]
                for h in h0..<h1 {
                    let p = F.histoParam[h], d = F.histoDataStart[h] + j
                    let slope = th[p] >= 0 ? F.up[d] : F.down[d]
                    c += th[p] * slope
                    dl[row + p] += f * slope
                }
                cc[c0 + j] = c
                lam[bin] += f * c
                switch nf {
                case 0:
                    break
                case 1:
                    dl[row + q0] += c
                case 2:
                    dl[row + q0] += c * t1
                    dl[row + q1] += c * t0
                case 3:
                    dl[row + q0] += c * t1 * t2
                    dl[row + q1] += c * t0 * t2
                    dl[row + q2] += c * t0 * t1
                default:
                    for a in 0..<nf {
                        var g = c
                        for b in 0..<nf where b != a { g *= th[F.factors[f0 + b]] }
                        dl[row + F.factors[f0 + a]] += g
                    }
                }
            }
        }
        var v = 0.0
        for i in 0..<binCount {
            let l = lam[i], n = nn[i]
            if l <= 0 {
                if n > 0 { return (.infinity, .infinity) }
                continue
            }
            v += l - n * log(l)
            let w1 = 1 - n / l, w2 = n / (l * l)
            let base = i * P
            // only the parameters that reach this bin: ∂λ is 0 for the others, whose terms
            // would add exact zeros
            let k0 = F.binParamStart[i], k1 = F.binParamStart[i + 1]
            // raw pointers and wrapping index arithmetic in this innermost loop (the indices are
            // in range by construction), so that it keeps its operands in registers
            let dlRow = dl.baseAddress! + base, bp = F.binParams.baseAddress!, heBase = he.baseAddress!
            for a in k0..<k1 {
                let p = bp[a]
                let dp = dlRow[p]
                if dp == 0 { continue }
                gr[p] += w1 * dp
                let w2dp = w2 * dp
                let heRow = heBase + p &* P
                var b = a
                while b < k1 {
                    let q = bp[b]
                    heRow[q] += w2dp * dlRow[q]
                    b &+= 1
                }
            }
        }
        // (1 − n/λ) ∂²λ terms: products of two distinct factors, and factor × histosys slope.
        for si in F.secondOrder {
            let f0 = F.factorStart[si], nf = F.factorStart[si + 1] - f0
            let h0 = F.histoStart[si], h1 = F.histoStart[si + 1]
            let c0 = F.countStart[si], off = F.binOffset[si]
            for j in 0..<F.length[si] {
                let bin = off + j
                let l = lam[bin]
                guard l > 0 else { continue }
                let w1 = 1 - nn[bin] / l
                let c = cc[c0 + j]  // the first pass's c_s,j(θ), formed the same way
                if nf == 2 && h0 == h1 {
                    let pa = F.factors[f0], pb = F.factors[f0 + 1]
                    let (x, y) = pa < pb ? (pa, pb) : (pb, pa)
                    he[x * P + y] += w1 * c
                    continue
                }
                if nf == 3 {
                    let pa = F.factors[f0], pb = F.factors[f0 + 1], pc = F.factors[f0 + 2]
                    let ta = th[pa], tb = th[pb], tc = th[pc]
                    // a = 0: pairs (0,1), (0,2), then its histosys terms
                    Self.addPair(he, P, pa, pb, w1 * (c * tc))
                    Self.addPair(he, P, pa, pc, w1 * (c * tb))
                    for h in h0..<h1 {
                        let p = F.histoParam[h], d = F.histoDataStart[h] + j
                        let s = th[p] >= 0 ? F.up[d] : F.down[d]
                        Self.addPair(he, P, pa, p, w1 * (s * tb * tc))
                    }
                    // a = 1: pair (1,2), then its histosys terms
                    Self.addPair(he, P, pb, pc, w1 * (c * ta))
                    for h in h0..<h1 {
                        let p = F.histoParam[h], d = F.histoDataStart[h] + j
                        let s = th[p] >= 0 ? F.up[d] : F.down[d]
                        Self.addPair(he, P, pb, p, w1 * (s * ta * tc))
                    }
                    // a = 2: its histosys terms
                    for h in h0..<h1 {
                        let p = F.histoParam[h], d = F.histoDataStart[h] + j
                        let s = th[p] >= 0 ? F.up[d] : F.down[d]
                        Self.addPair(he, P, pc, p, w1 * (s * ta * tb))
                    }
                    continue
                }
                for a in 0..<nf {
                    let pa = F.factors[f0 + a]
                    var b = a + 1
                    while b < nf {
                        let pb = F.factors[f0 + b]
                        var g = c
                        for m in 0..<nf where m != a && m != b { g *= th[F.factors[f0 + m]] }
                        Self.addPair(he, P, pa, pb, w1 * g)
                        b += 1
                    }
                    for h in h0..<h1 {
                        let p = F.histoParam[h], d = F.histoDataStart[h] + j
                        var g = th[p] >= 0 ? F.up[d] : F.down[d]
                        for m in 0..<nf where m != a { g *= th[F.factors[f0 + m]] }
                        Self.addPair(he, P, pa, p, w1 * g)
                    }
                }
            }
        }
        // the constraint terms: ½ d²/σ² here, ½ z² as nll(_:_:) writes them (same order)
        var vNLL = v
        for p in 0..<P where constraintSigma[p] > 0 {
            let z = (th[p] - aux[p]) / constraintSigma[p]
            vNLL += 0.5 * z * z
        }
        for p in 0..<P where constraintSigma[p] > 0 {
            let s2 = constraintSigma[p] * constraintSigma[p]
            let d = th[p] - aux[p]
            v += 0.5 * d * d / s2
            gr[p] += d / s2
            he[p * P + p] += 1 / s2
        }
        for p in 0..<P { for q in 0..<p { he[p * P + q] = he[q * P + p] } }
        return (v, vNLL)
    }

    /// Adds `value` to the upper-triangle entry of the pair (p, q).
    @inline(__always)
    private static func addPair(_ he: UnsafeMutableBufferPointer<Double>, _ P: Int, _ p: Int, _ q: Int, _ value: Double) {
        let (x, y) = p < q ? (p, q) : (q, p)
        he[x * P + y] += value
    }

    /// The saturated-model deviance (Baker & Cousins, NIM 221 (1984) 437):
    /// ```
    /// χ²_BC = 2 Σ_i [λ_i − n_i + n_i ln(n_i/λ_i)]
    /// ```
    public func bakerCousinsChi2(_ theta: [Double], _ obs: Observation) -> Double {
        let lam = expected(theta)
        var c = 0.0
        for i in 0..<binCount {
            let n = obs.counts[i], l = lam[i]
            c += 2 * (l - n + (n > 0 ? n * log(n / l) : 0))
        }
        return c
    }
}
