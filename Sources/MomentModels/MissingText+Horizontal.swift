import Foundation

/// The SU(2)_H quantities not evaluated for want of readable text (Babu, Jana & Lindner, JHEP 10
/// (2020) 040 [arXiv:2007.04291]; Babu, Jana, Lindner & Vishnu P.K., arXiv:2104.03291), each
/// with the text it needs and where that text was looked for.
///
/// What the search store holds of the two papers: arXiv:2007.04291 as its abstract only
/// (tomesphere.com/paper/2007.04291, arxivlens.com, bzpeer.com), which gives the XENON1T range
/// μ_{νeνμ} ∈ (1.65 − 3.42)×10⁻¹¹ μB and says "in the SU(2)_H symmetric limit, m_ν vanishes while
/// μ_{νeνμ} is nonzero", but no formula; arXiv:2104.03291 as its abstract and the opening of its
/// introduction (ar5iv.labs.arxiv.org/html/2104.03291, tomesphere.com/paper/2104.03291): the
/// stored copy of a page starts at its top and ends before the model section. ``placesLooked``
/// lists the rest.
extension MissingText {
    /// Where the SU(2)_H papers' formulas were looked for, beyond the papers' own stored pages.
    public static let placesLooked: [String] = [
        "the papers' pages: ar5iv.labs.arxiv.org/html/2104.03291 (abstract, opening of the introduction), tomesphere.com/paper/2007.04291 and /2104.03291, arxivlens.com and bzpeer.com (abstracts); no arxiv.org/html rendering of either paper found in the store",
        "LaTeX sources: latex-in-arxiv.com and the KDD Cup 2003 hep-ph archive (sources of 1992-2003, before these papers)",
        "GitHub (exact-string search of the stored repositories): '2007.04291', '2104.03291', 'Babu:2020ivd', '\\mu_{\\nu_e\\nu_\\mu}', 'SU(2)_H horizontal symmetry', 'SU(2)_H symmetric limit', 'spin symmetry mechanism', 'Voloshin mechanism': only reference lists of citing papers (Kopp, Opferkuch & Wang arXiv:2212.11287; Ge, Pasquini & Sheng arXiv:2112.05560), no formula",
        "later papers' stored openings: Pagès & Thapa arXiv:2506.15777 (arxiv.org/html/2506.15777v1), Giunti & Studenikin arXiv:1403.6344 and Studenikin arXiv:1603.00337 (ar5iv), Davidson, Gorbahn & Santamaria hep-ph/0506085 (ar5iv; a model-independent m from transition moments): introductions only",
        "the horizontal-symmetry originals: Babu & Mohapatra, PRD 42 (1990) 3778 (osti.gov/biblio/5827493, abstract), Choudhury & Sarkar, PLB 235 (1990) (first page), Choudhury hep-ph/9206210 (ar5iv, opening), Dhar, Pandey & Dev, Pramana 44 (1995) 347 (a different, two-loop model)",
        "talks, theses and code: the search store's pages, code and issues corpora (indico, university repositories, GitHub issues; Welter's Heidelberg thesis on neutrino magnetic moments, 2017, abstract only and before the paper): none quoting the SU(2)_H formulas",
    ]

    /// The neutrino mass the SU(2)_H model induces once SU(2)_H is broken.
    public static let su2hNeutrinoMass = MissingText(
        quantity: "the SU(2)_H model's own neutrino mass m_nu",
        missing: "the m_nu formula of the SU(2)_H model after SU(2)_H breaking and the size of its breaking parameter",
        source: "Babu, Jana & Lindner, JHEP 10 (2020) 040 [arXiv:2007.04291], body (the SU(2)_H model section)",
        readable: "the abstract only (tomesphere.com/paper/2007.04291): 'in the SU(2)_H symmetric limit, m_nu vanishes while mu_nu_e nu_mu is nonzero'",
        lookedIn: placesLooked)

    /// The overall 1/8π² of the model's μ_{νeνμ} loop.
    public static let su2hMomentPrefactor = MissingText(
        quantity: "the 1/(8 pi^2) prefactor of mu_nu_e nu_mu (the coupling normalisation of f, f')",
        missing: "the Yukawa Lagrangian of h+ and H+ (the normalisation of f and f') and the paper's mu_nu_e nu_mu equation",
        source: "Babu, Jana & Lindner, JHEP 10 (2020) 040 [arXiv:2007.04291], body (the SU(2)_H model section)",
        readable: "the abstract only (no formula); the general one-loop f1 -> f2 gamma formulae of Lavoura (EPJC 29 (2003) 191, hep-ph/0302221) would fix the loop but not the paper's normalisation of f, f', and their stored copies (ar5iv, KDD Cup LaTeX) end before the formulae",
        lookedIn: placesLooked)

    /// The model's lepton-flavour-violating radiative decay rates.
    public static let su2hRadiativeDecayRates = MissingText(
        quantity: "the SU(2)_H rates of mu -> e gamma, tau -> mu gamma and tau -> e gamma",
        missing: "the couplings of h+, H+, H and A to e, mu, tau and the model's branching-ratio formulas",
        source: "Babu, Jana & Lindner [arXiv:2007.04291] ('collider and low energy tests of these models are analyzed', abstract) and Babu, Jana, Lindner & Vishnu P.K. [arXiv:2104.03291], bodies",
        readable: "abstracts, and the opening of arXiv:2104.03291's introduction (ar5iv.labs.arxiv.org/html/2104.03291); a generic Zee-model rate would put in couplings the SU(2)_H model may not have",
        lookedIn: placesLooked)

    /// LHC bounds on the model's neutral scalars H and A.
    public static let su2hNeutralScalarCollider = MissingText(
        quantity: "LHC bounds on the neutral scalars H and A of the SU(2)_H doublet",
        missing: "the production and decay channels of H and A in this model and a search that covers them (a mass bound with its confidence level)",
        source: "Babu, Jana, Lindner & Vishnu P.K. [arXiv:2104.03291], body ('we analyze the collider tests of this framework', abstract)",
        readable: "the abstract and the opening of the introduction (ar5iv.labs.arxiv.org/html/2104.03291)",
        lookedIn: placesLooked)

    /// LHC bounds on the model's charged scalars h⁺ and H⁺.
    public static let su2hChargedScalarLHC = MissingText(
        quantity: "LHC bounds on the charged scalars h+ and H+",
        missing: "the decay channels of h+ and H+ in this model and a search that covers them (a mass bound with its confidence level)",
        source: "Babu, Jana & Lindner [arXiv:2007.04291] and Babu, Jana, Lindner & Vishnu P.K. [arXiv:2104.03291], bodies",
        readable: "abstracts; LEP's combined charged-Higgs bound (EPJC 73 (2013) 2463, abstract) is applied instead, as an assumption",
        lookedIn: placesLooked)
}
