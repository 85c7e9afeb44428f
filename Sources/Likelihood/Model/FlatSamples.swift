/// The compiled samples of a ``BinnedModel`` in flat, contiguous arrays, for the hot loops of
/// ``BinnedModel/evaluate(_:_:into:)`` and ``BinnedModel/nll(_:_:)``: one pass over plain
/// arrays instead of an array of structs holding arrays of tuples of arrays (whose element
/// accesses retain and release). The samples, their factors and their histosys terms keep the
/// model's order, so every sum is formed in the same order as in the per-sample form.
///
/// Immutable after `init`; the arrays are copied once into buffers it owns (read without
/// bounds checks or reference counting in the loops) and freed with it.
final class FlatSamples: @unchecked Sendable {
    /// Number of samples.
    let sampleCount: Int
    /// Per sample: first bin (in the concatenated bins), number of bins, start in `counts`.
    let binOffset: UnsafeBufferPointer<Int>
    let length: UnsafeBufferPointer<Int>
    let countStart: UnsafeBufferPointer<Int>
    /// Nominal counts of every sample, concatenated.
    let counts: UnsafeBufferPointer<Double>
    /// Per sample (count + 1 entries): the sample's factors are `factors[factorStart[s]..<factorStart[s + 1]]`.
    let factorStart: UnsafeBufferPointer<Int>
    let factors: UnsafeBufferPointer<Int>
    /// Per sample (count + 1 entries): its histosys terms are `histoStart[s]..<histoStart[s + 1]`.
    let histoStart: UnsafeBufferPointer<Int>
    /// Per histosys term: its parameter and the start of its slopes in `up` / `down`.
    let histoParam: UnsafeBufferPointer<Int>
    let histoDataStart: UnsafeBufferPointer<Int>
    /// Per histosys term and bin: up − nominal and nominal − down.
    let up: UnsafeBufferPointer<Double>
    let down: UnsafeBufferPointer<Double>
    /// Per bin (binCount + 1 entries): the parameters whose ∂λ/∂θ can be non-zero in that bin,
    /// ascending, are `binParams[binParamStart[i]..<binParamStart[i + 1]]`.
    let binParamStart: UnsafeBufferPointer<Int>
    let binParams: UnsafeBufferPointer<Int>
    /// Samples with a second derivative: two or more factors, or a factor and a histosys term.
    let secondOrder: UnsafeBufferPointer<Int>

    private static func own<T>(_ a: [T]) -> UnsafeBufferPointer<T> {
        let b = UnsafeMutableBufferPointer<T>.allocate(capacity: max(a.count, 1))
        _ = b.initialize(from: a)
        return UnsafeBufferPointer(rebasing: b[0..<a.count])
    }

    private static func free<T>(_ b: UnsafeBufferPointer<T>) {
        // every buffer was allocated with at least one element at its base address
        UnsafeMutablePointer(mutating: b.baseAddress!).deallocate()
    }

    deinit {
        Self.free(binOffset); Self.free(length); Self.free(countStart); Self.free(counts)
        Self.free(factorStart); Self.free(factors); Self.free(histoStart); Self.free(histoParam)
        Self.free(histoDataStart); Self.free(up); Self.free(down); Self.free(binParamStart)
        Self.free(binParams); Self.free(secondOrder)
    }

    init(samples: [BinnedModel.CompiledSample], binCount: Int) {
        var binOffset: [Int] = [], length: [Int] = [], countStart: [Int] = [], counts: [Double] = []
        var factorStart: [Int] = [0], factors: [Int] = [], histoStart: [Int] = [0]
        var histoParam: [Int] = [], histoDataStart: [Int] = [], up: [Double] = [], down: [Double] = []
        var binParamStart: [Int] = [0], binParams: [Int] = [], secondOrder: [Int] = []
        var touching = [Set<Int>](repeating: [], count: binCount)
        for (k, s) in samples.enumerated() {
            binOffset.append(s.offset)
            length.append(s.counts.count)
            countStart.append(counts.count)
            counts += s.counts
            factors += s.factors
            factorStart.append(factors.count)
            for (p, upD, dnD) in s.histosys {
                histoParam.append(p)
                histoDataStart.append(up.count)
                up += upD
                down += dnD
            }
            histoStart.append(histoParam.count)
            if s.factors.count > 1 || (!s.factors.isEmpty && !s.histosys.isEmpty) { secondOrder.append(k) }
            let params = Set(s.factors).union(s.histosys.map(\.0))
            for j in 0..<s.counts.count { touching[s.offset + j].formUnion(params) }
        }
        for i in 0..<binCount {
            binParams += touching[i].sorted()
            binParamStart.append(binParams.count)
        }
        sampleCount = samples.count
        self.binOffset = Self.own(binOffset)
        self.length = Self.own(length)
        self.countStart = Self.own(countStart)
        self.counts = Self.own(counts)
        self.factorStart = Self.own(factorStart)
        self.factors = Self.own(factors)
        self.histoStart = Self.own(histoStart)
        self.histoParam = Self.own(histoParam)
        self.histoDataStart = Self.own(histoDataStart)
        self.up = Self.own(up)
        self.down = Self.own(down)
        self.binParamStart = Self.own(binParamStart)
        self.binParams = Self.own(binParams)
        self.secondOrder = Self.own(secondOrder)
    }
}
