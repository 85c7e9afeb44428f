import Foundation

/// A complex number in Cartesian form (double precision), for the 3×3 mixing and moment
/// matrices. Foundation only: the package takes no numerics dependency.
///
/// ```
/// z = re + i·im,   z* = re − i·im,   |z|² = re² + im²
/// ```
public struct Complex: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Real part.
    public var re: Double
    /// Imaginary part.
    public var im: Double

    /// z = re + i·im.
    @inlinable
    public init(_ re: Double, _ im: Double = 0) {
        self.re = re
        self.im = im
    }

    /// 0.
    public static let zero = Complex(0, 0)
    /// 1.
    public static let one = Complex(1, 0)
    /// The imaginary unit i.
    public static let i = Complex(0, 1)

    /// e^{iφ} = cos φ + i sin φ, with φ in radians.
    @inlinable
    public static func phase(_ phi: Double) -> Complex { Complex(cos(phi), sin(phi)) }

    /// The complex conjugate z*.
    @inlinable
    public var conjugate: Complex { Complex(re, -im) }

    /// |z|² = re² + im².
    @inlinable
    public var magnitudeSquared: Double { re * re + im * im }

    /// |z| (computed with `hypot`, no overflow for large parts).
    @inlinable
    public var magnitude: Double { hypot(re, im) }

    /// Whether both parts are finite.
    @inlinable
    public var isFinite: Bool { re.isFinite && im.isFinite }

    /// Sum a + b.
    @inlinable public static func + (a: Complex, b: Complex) -> Complex { Complex(a.re + b.re, a.im + b.im) }
    /// Difference a − b.
    @inlinable public static func - (a: Complex, b: Complex) -> Complex { Complex(a.re - b.re, a.im - b.im) }
    /// Negation −a.
    @inlinable public static prefix func - (a: Complex) -> Complex { Complex(-a.re, -a.im) }
    /// Product (a.re b.re − a.im b.im) + i (a.re b.im + a.im b.re).
    @inlinable public static func * (a: Complex, b: Complex) -> Complex {
        Complex(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
    }
    /// Real multiple s·a.
    @inlinable public static func * (s: Double, a: Complex) -> Complex { Complex(s * a.re, s * a.im) }
    /// Real multiple a·s.
    @inlinable public static func * (a: Complex, s: Double) -> Complex { Complex(s * a.re, s * a.im) }
    /// a ← a + b.
    @inlinable public static func += (a: inout Complex, b: Complex) { a = a + b }

    /// "re + im i".
    public var description: String {
        im == 0 ? "\(re)" : (im < 0 ? "\(re) - \(-im)i" : "\(re) + \(im)i")
    }
}

/// A 3×3 complex matrix, row-major, indexed 0…2 (flavour e, μ, τ or mass 1, 2, 3).
public struct ComplexMatrix3: Sendable, Hashable, CustomStringConvertible {
    /// The nine elements, row-major: `elements[3 * row + column]`.
    public private(set) var elements: [Complex]

    /// A matrix from nine row-major elements. Precondition: exactly 9 elements.
    public init(elements: [Complex]) {
        precondition(elements.count == 9, "a 3×3 matrix needs 9 elements, got \(elements.count)")
        self.elements = elements
    }

    /// A matrix from three rows of three elements. Precondition: 3×3.
    public init(rows: [[Complex]]) {
        precondition(rows.count == 3 && rows.allSatisfy { $0.count == 3 }, "a 3×3 matrix needs 3 rows of 3")
        self.init(elements: rows.flatMap { $0 })
    }

    /// A real matrix from three rows of three numbers. Precondition: 3×3.
    public init(real rows: [[Double]]) {
        self.init(rows: rows.map { $0.map { Complex($0) } })
    }

    /// The zero matrix.
    public static let zero = ComplexMatrix3(elements: Array(repeating: .zero, count: 9))
    /// The identity 𝟙.
    public static let identity = ComplexMatrix3(real: [[1, 0, 0], [0, 1, 0], [0, 0, 1]])

    /// A diagonal matrix diag(a, b, c).
    public static func diagonal(_ a: Complex, _ b: Complex, _ c: Complex) -> ComplexMatrix3 {
        var m = ComplexMatrix3.zero
        m[0, 0] = a; m[1, 1] = b; m[2, 2] = c
        return m
    }

    /// Element (row, column), 0-based.
    public subscript(_ r: Int, _ c: Int) -> Complex {
        get { elements[3 * r + c] }
        set { elements[3 * r + c] = newValue }
    }

    /// The transpose Mᵀ.
    public var transpose: ComplexMatrix3 {
        var t = ComplexMatrix3.zero
        for r in 0..<3 { for c in 0..<3 { t[c, r] = self[r, c] } }
        return t
    }

    /// The element-wise conjugate M*.
    public var conjugate: ComplexMatrix3 { ComplexMatrix3(elements: elements.map(\.conjugate)) }

    /// The adjoint (conjugate transpose) M† = (M*)ᵀ.
    public var adjoint: ComplexMatrix3 { conjugate.transpose }

    /// Matrix product.
    public static func * (a: ComplexMatrix3, b: ComplexMatrix3) -> ComplexMatrix3 {
        var p = ComplexMatrix3.zero
        for r in 0..<3 {
            for c in 0..<3 {
                var s = Complex.zero
                for k in 0..<3 { s += a[r, k] * b[k, c] }
                p[r, c] = s
            }
        }
        return p
    }

    /// Element-wise sum.
    public static func + (a: ComplexMatrix3, b: ComplexMatrix3) -> ComplexMatrix3 {
        ComplexMatrix3(elements: zip(a.elements, b.elements).map { $0 + $1 })
    }

    /// Element-wise difference.
    public static func - (a: ComplexMatrix3, b: ComplexMatrix3) -> ComplexMatrix3 {
        ComplexMatrix3(elements: zip(a.elements, b.elements).map { $0 - $1 })
    }

    /// Scalar multiple s·M.
    public static func * (s: Double, m: ComplexMatrix3) -> ComplexMatrix3 {
        ComplexMatrix3(elements: m.elements.map { s * $0 })
    }

    /// max_ij |M_ij| (0 for the zero matrix).
    public var maxMagnitude: Double { elements.map(\.magnitude).max() ?? 0 }

    /// max_ij |A_ij − B_ij|.
    public func maxDifference(_ other: ComplexMatrix3) -> Double { (self - other).maxMagnitude }

    /// Whether every element is finite.
    public var isFinite: Bool { elements.allSatisfy(\.isFinite) }

    /// Three bracketed rows.
    public var description: String {
        (0..<3).map { r in "[" + (0..<3).map { self[r, $0].description }.joined(separator: ", ") + "]" }
            .joined(separator: "\n")
    }
}
