import CGSL

/// A seedable Mersenne-Twister (GSL `mt19937`) random number generator.
///
/// One generator per task: a `RandomSource` is not thread-safe and is deliberately not
/// `Sendable`. Parallel code derives one generator per task from a base seed (see
/// ``init(seed:stream:)``), so results do not depend on the number of threads.
/// It also conforms to Swift's `RandomNumberGenerator`, so it can be injected `using:`.
public final class RandomSource: RandomNumberGenerator {
    private let rng: UnsafeMutablePointer<gsl_rng>
    /// The seed the generator was started from.
    public let seed: UInt64

    /// Creates a generator seeded with `seed`. Identical seeds give identical sequences.
    public init(seed: UInt64) {
        _ = GSLRuntime.ready
        guard let r = gsl_rng_alloc(nmm_rng_mt19937()) else { fatalError("GSL could not allocate an RNG") }
        rng = r
        self.seed = seed
        // mt19937 takes an unsigned long seed; GSL maps 0 to its default seed 4357, so
        // offset to keep seed 0 distinct.
        gsl_rng_set(rng, UInt(truncatingIfNeeded: seed &+ 1))
    }

    /// A generator for substream `stream` of a study seeded with `seed`: the two are mixed by
    /// SplitMix64 (Steele, Lea & Flood, OOPSLA 2014) so neighbouring streams are unrelated.
    public convenience init(seed: UInt64, stream: UInt64) {
        self.init(seed: RandomSource.mix(seed, stream))
    }

    deinit { gsl_rng_free(rng) }

    /// SplitMix64 mixing of a seed and a stream index.
    public static func mix(_ seed: UInt64, _ stream: UInt64) -> UInt64 {
        var z = seed &+ 0x9E37_79B9_7F4A_7C15 &* (stream &+ 1)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform on [0, 1).
    public func uniform() -> Double { gsl_rng_uniform(rng) }

    /// Gaussian with the given mean and standard deviation (Ziggurat method).
    public func gaussian(mean: Double = 0, sigma: Double = 1) -> Double {
        mean + gsl_ran_gaussian_ziggurat(rng, sigma)
    }

    /// Poisson-distributed count with the given mean (mean ≥ 0).
    public func poisson(mean: Double) -> Int {
        mean > 0 ? Int(gsl_ran_poisson(rng, mean)) : 0
    }

    /// 64 random bits (two 32-bit mt19937 outputs), for `RandomNumberGenerator`.
    public func next() -> UInt64 {
        let hi = UInt64(gsl_rng_get(rng) & 0xFFFF_FFFF)
        let lo = UInt64(gsl_rng_get(rng) & 0xFFFF_FFFF)
        return hi << 32 | lo
    }
}
