import Foundation

extension FeldmanCousins {
    /// The name of a tested point's toys file in a folder of kept point toys (`interval
    /// --toys-dir`): the study's true μν (μB), toy count and seed, so that a re-run of the same
    /// construction finds (and resumes) each point's file and another construction does not.
    public static func pointToysFileName(_ study: ToyStudy) -> String {
        let h = study.header
        return String(format: "fc-mu%.6e-n%d-seed%llu.jsonl", h.muNuTrue, h.totalToys, h.seed)
    }
}
