/// Small drawing pieces shared by the panes.
public enum Widgets {
  /// A box with a title; returns the inner rectangle.
  @discardableResult
  public static func box(
    _ screen: inout Screen, _ rect: Rect, title: String, focused: Bool, glyphs: Glyphs
  ) -> Rect {
    guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
    let role: StyleRole = focused ? .borderFocus : .border
    let inner = String(repeating: glyphs.horizontal, count: rect.width - 2)
    screen.put(glyphs.topLeft + inner + glyphs.topRight, x: rect.x, y: rect.y, role: role)
    screen.put(
      glyphs.bottomLeft + inner + glyphs.bottomRight, x: rect.x, y: rect.y + rect.height - 1,
      role: role)
    for row in rect.y + 1..<rect.y + rect.height - 1 {
      screen.put(glyphs.vertical, x: rect.x, y: row, role: role)
      screen.put(glyphs.vertical, x: rect.x + rect.width - 1, y: row, role: role)
    }
    if rect.width > 6 {
      screen.put(" " + title + " ", x: rect.x + 2, y: rect.y, role: focused ? .title : .dim, limit: rect.width - 4)
    }
    return Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: rect.height - 2)
  }

  /// A utilization bar: `fraction` filled, and a marker where `marker` (also 0...1) sits.
  public static func bar(
    _ screen: inout Screen, x: Int, y: Int, width: Int, fraction: Double, marker: Double?,
    warn: Bool, glyphs: Glyphs
  ) {
    guard width > 0 else { return }
    let filled = min(width, Int((min(max(fraction, 0), 1) * Double(width)).rounded()))
    let shown = fraction > 0 && filled == 0 ? 1 : filled
    for i in 0..<width {
      let on = i < shown
      screen.put(
        on ? glyphs.barFull : glyphs.barEmpty, x: x + i, y: y,
        role: on ? (warn ? .barWarn : .barFill) : .barEmpty)
    }
    if let marker {
      let at = min(width - 1, max(0, Int((min(max(marker, 0), 1) * Double(width)).rounded(.down))))
      screen.put(glyphs.marker, x: x + at, y: y, role: .barMarker)
    }
  }

  /// A sparkline of the last `width` values, scaled to the series' own min...max.
  public static func sparkline(_ values: [Int], width: Int, glyphs: Glyphs) -> String {
    let tail = values.suffix(width)
    guard let low = tail.min(), let high = tail.max() else { return "" }
    let levels = glyphs.spark.count
    return tail.map { value in
      if high == low { return glyphs.spark[high == 0 ? 0 : levels / 2] }
      let level = (value - low) * (levels - 1) / (high - low)
      return glyphs.spark[level]
    }.joined()
  }

  /// First row to show so the cursor stays visible in a viewport of `height` rows.
  public static func scrollOffset(cursor: Int, count: Int, height: Int) -> Int {
    guard count > height, height > 0 else { return 0 }
    return min(max(0, cursor - height / 2), count - height)
  }
}

/// A rectangle on the screen.
public struct Rect: Sendable, Hashable {
  public var x, y, width, height: Int
  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = width
    self.height = height
  }
}
