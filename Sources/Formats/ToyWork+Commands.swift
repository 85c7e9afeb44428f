/// What a unit of each toy computation costs (CPU seconds on one core, release build, with a
/// margin of a fifth or more over the measurement) and how a larger study is done. Measured with
/// `taskset -c 0`, `--threads 1`, as (user CPU of N units − user CPU of 0 units) / N on the
/// reference model named in each (README "Limits" lists the commands and times):
/// `significance` 20.8 µs, `toys` 26 µs (q0) and 28 µs (t̃), `interval --method
/// feldman-cousins` 18 µs per toy × point, `sensitivity` 363 µs, `compare` 24–25 µs, the
/// compatibility toys of `fit --dataset all` 534 µs, `coverage` 40 µs per asymptotic toy and
/// 20 µs per Feldman–Cousins toy × critical toy.
extension ToyWork {
    /// A background-only q0 toy of `significance --toys` (two fits). XENON1T SR1, 6 bins.
    public static let significanceToys = ToyWork(
        what: "q0 toys", secondsPerUnit: 25e-6, referenceBins: 6,
        beyond: "make the toys in shards (`nmmfit toys --mu 0 -n N --shard i --nshards K -o shard-i.jsonl`, or `nmmfit batch`), `nmmfit merge` them, and read the merged file with `significance --from-toys`")

    /// A toy of a toys file (`toys`, one shard of `batch`): two fits, q0 or t̃, and a line written. XENON1T SR1.
    public static let toysFileToys = ToyWork(
        what: "toys in one shard", secondsPerUnit: 35e-6, referenceBins: 6,
        beyond: "split the study into more shards (--shard i --nshards K, or `nmmfit batch`) and `nmmfit merge` them")

    /// A toy at one tested point of a local Feldman–Cousins construction (`interval`): t̃, two fits. XENON1T SR1.
    public static let feldmanCousinsToys = ToyWork(
        what: "toys × tested points", secondsPerUnit: 30e-6, referenceBins: 6,
        beyond: "make one t̃ study per tested μν in shards (`nmmfit batch … -- --mu M --statistic t`, or `nmmfit toys --statistic t --mu M --shard i --nshards K` and `nmmfit merge`), then `nmmfit interval --method feldman-cousins --from-toys DIR`; or keep the points with --toys-dir and resume")

    /// A toy of `sensitivity`: a profile likelihood and an interval per toy. XENON1T SR1.
    public static let sensitivityToys = ToyWork(
        what: "sensitivity toys", secondsPerUnit: 450e-6, referenceBins: 6,
        beyond: "raise the limit for a longer run and keep the toys with --save-toys FILE, so that an interrupted run resumes")

    /// A toy of a compatibility test (`fit` of two or more datasets): two common and two
    /// separate fits. `fit --dataset all`, 102 bins.
    public static let compatibilityToys = ToyWork(
        what: "compatibility toys", secondsPerUnit: 700e-6, referenceBins: 102,
        beyond: "raise the limit for a longer run and keep the toys with --save-toys FILE, so that an interrupted run resumes")

    /// A toy of `compare` (the two hypotheses' fits). XENON1T SR1.
    public static let comparisonToys = ToyWork(
        what: "comparison toys", secondsPerUnit: 30e-6, referenceBins: 6,
        beyond: "raise the limit for a longer run and keep the toys with --save-toys FILE, so that an interrupted run resumes")

    /// A toy of an asymptotic (Wilks or unified) coverage point: t̃ at the true μν and the
    /// interval's decision. XENON1T SR1.
    public static let coverageToys = ToyWork(
        what: "coverage toys (true values × methods × toys)", secondsPerUnit: 60e-6, referenceBins: 6,
        beyond: "make the toys in shards (`nmmfit coverage --mu M --toys N --shard i --nshards K --write-toys shard-i.jsonl`), `nmmfit merge` them, and read them with `coverage --from-toys`")

    /// One inner toy of a Feldman–Cousins coverage toy (its critical value at the true μν):
    /// t̃, two fits. XENON1T SR1.
    public static let coverageCriticalToys = ToyWork(
        what: "toys × critical toys (× true values)", secondsPerUnit: 25e-6, referenceBins: 6,
        beyond: "give fewer --toys or --critical-toys, or raise the limit for a longer run")
}
