/// The compiled samples of a ``BinnedModel`` in flat, contiguous arrays, for the hot loops of
/// ``BinnedModel/evaluate(_:_:into:)`` and ``BinnedModel/nll(_:_:)``: one pass over plain
/// arrays instead of an array of structs holding arrays of tuples of arrays (whose element
/// accesses retain and release). The samples, their factors and their histosys terms keep the
/// model's order, so every sum is formed in the same order as in the per-sample form.
struct FlatSamples: Sendable {
    /// Per sample: first bin (in the concatenated bins), number of bins, start in `counts`.
    var binOffset: [Int] = []
    var length: [Int] = []
    var countStart: [Int] = []
    /// Nominal counts of every sample, concatenated.
    var counts: [Double] = []
    /// Per sample (count + 1 entries): the sample's factors are `factors[factorStart[s]..<factorStart[s + 1]]`.
    var factorStart: [Int] = [0]
    var factors: [Int] = []
    /// Per sample (count + 1 entries): its histosys terms are `histoStart[s]..<histoStart[s + 1]`.
    var histoStart: [Int] = [0]
    /// Per histosys term: its parameter and the start of its slopes in `up` / `down`.
    var histoParam: [Int] = []
    var histoDataStart: [Int] = []
    /// Per histosys term and bin: up − nominal and nominal − down.
    var up: [Double] = []
    var down: [Double] = []
    /// Per bin (binCount + 1 entries): the parameters whose ∂λ/∂θ can be non-zero in that bin,
    /// ascending, are `binParams[binParamStart[i]..<binParamStart[i + 1]]`.
    var binParamStart: [Int] = [0]
    var binParams: [Int] = []
    /// Samples with a second derivative: two or more factors, or a factor and a histosys term.
    var secondOrder: [Int] = []

    init(samples: [BinnedModel.CompiledSample], binCount: Int) {
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
    }
}
