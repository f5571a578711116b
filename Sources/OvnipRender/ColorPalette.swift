/// How many colours the terminal offers; theme RGB values are mapped to the nearest available.
public enum ColorDepth: Sendable, Hashable {
  case none, eight, sixteen, palette256

  /// The depth for a terminal reporting `colors`, with `NO_COLOR` honoured.
  public static func detect(colors: Int, hasColors: Bool, noColor: Bool) -> ColorDepth {
    if noColor || !hasColors || colors < 8 { return .none }
    if colors >= 256 { return .palette256 }
    return colors >= 16 ? .sixteen : .eight
  }

  /// The terminal colour index nearest to `rgb`, or nil when colours are off.
  public func index(_ rgb: RGB) -> Int? {
    switch self {
    case .none: return nil
    case .eight: return ColorPalette.nearest(rgb, among: ColorPalette.ansi16.prefix(8))
    case .sixteen: return ColorPalette.nearest(rgb, among: ColorPalette.ansi16[...])
    case .palette256: return ColorPalette.nearest256(rgb)
    }
  }
}

/// The xterm palette, for nearest-colour mapping.
public enum ColorPalette {
  /// The 16 ANSI colours as xterm draws them.
  static let ansi16: [RGB] = [
    RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0), RGB(0, 0, 238),
    RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229), RGB(127, 127, 127), RGB(255, 0, 0),
    RGB(0, 255, 0), RGB(255, 255, 0), RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255),
    RGB(255, 255, 255),
  ]

  static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

  static func distance(_ a: RGB, _ b: RGB) -> Int {
    let dr = Int(a.r) - Int(b.r)
    let dg = Int(a.g) - Int(b.g)
    let db = Int(a.b) - Int(b.b)
    return 2 * dr * dr + 4 * dg * dg + 3 * db * db
  }

  static func nearest(_ rgb: RGB, among colors: ArraySlice<RGB>) -> Int {
    var best = colors.startIndex
    for i in colors.indices where distance(rgb, colors[i]) < distance(rgb, colors[best]) { best = i }
    return best
  }

  /// Nearest of the 6×6×6 cube (16–231) and the grey ramp (232–255).
  public static func nearest256(_ rgb: RGB) -> Int {
    func level(_ v: UInt8) -> Int {
      var best = 0
      for i in cubeLevels.indices where abs(cubeLevels[i] - Int(v)) < abs(cubeLevels[best] - Int(v)) { best = i }
      return best
    }
    let (r, g, b) = (level(rgb.r), level(rgb.g), level(rgb.b))
    let cube = RGB(UInt8(cubeLevels[r]), UInt8(cubeLevels[g]), UInt8(cubeLevels[b]))
    let cubeIndex = 16 + 36 * r + 6 * g + b
    let average = (Int(rgb.r) + Int(rgb.g) + Int(rgb.b)) / 3
    let greyStep = min(23, max(0, (average - 8 + 5) / 10))
    let greyValue = UInt8(8 + 10 * greyStep)
    let grey = RGB(greyValue, greyValue, greyValue)
    return distance(rgb, grey) < distance(rgb, cube) ? 232 + greyStep : cubeIndex
  }
}
