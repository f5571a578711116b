/// One terminal cell: a grapheme (or "" for the right half of a wide one) and its role.
public struct Cell: Sendable, Hashable {
  public var text: String
  public var role: StyleRole
  public init(_ text: String = " ", _ role: StyleRole = .text) {
    self.text = text
    self.role = role
  }
}

/// A grid of cells: what `render` produces and the terminal flushes.
public struct Screen: Sendable, Hashable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]

  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = Array(repeating: Cell(), count: self.width * self.height)
  }

  public subscript(x: Int, y: Int) -> Cell {
    get { cells[y * width + x] }
    set { cells[y * width + x] = newValue }
  }

  /// Draws `text` at (x, y), sanitised and clipped to `limit` columns (default: to the edge).
  /// Wide characters take two cells; one that does not fit is dropped. Returns columns used.
  @discardableResult
  public mutating func put(
    _ text: String, x: Int, y: Int, role: StyleRole = .text, limit: Int? = nil
  ) -> Int {
    guard y >= 0, y < height, x < width else { return 0 }
    let end = min(width, x + (limit ?? width))
    var column = x
    for character in Sanitize.text(text) {
      let w = DisplayWidth.of(character)
      if w == 0 { continue }
      if column + w > end { break }
      if column >= 0 {
        self[column, y] = Cell(String(character), role)
        if w == 2 { self[column + 1, y] = Cell("", role) }
      }
      column += w
    }
    return column - x
  }

  /// Fills a rectangle with `text` (one column wide) in `role`.
  public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, _ text: String = " ", role: StyleRole) {
    for row in max(0, y)..<min(height, y + h) {
      for column in max(0, x)..<min(width, x + w) { self[column, row] = Cell(text, role) }
    }
  }

  /// Changes the role of a run of cells (keeps their text), e.g. to highlight a row.
  public mutating func restyle(x: Int, y: Int, width w: Int, role: StyleRole) {
    guard y >= 0, y < height else { return }
    for column in max(0, x)..<min(width, x + w) { self[column, y].role = role }
  }

  /// Replaces every non-ASCII cell for terminals without a UTF-8 locale: known drawing
  /// characters get an ASCII look-alike, anything else (and both halves of wide ones) `?`.
  public mutating func makeASCII() {
    let lookalike: [String: String] = [
      "│": "|", "─": "-", "┌": "+", "┐": "+", "└": "+", "┘": "+", "·": "-", "…": "~", "█": "#",
      "░": ".", "┃": "|", "●": "*", "→": ">", "←": "<", "↑": "^", "↓": "v", "×": "x", "–": "-",
      "▲": "^", "▼": "v",
    ]
    for i in cells.indices where !cells[i].text.unicodeScalars.allSatisfy(\.isASCII) || cells[i].text.isEmpty {
      cells[i].text = lookalike[cells[i].text] ?? "?"
    }
  }

  /// The text of one row (right halves of wide characters omitted).
  public func row(_ y: Int) -> String {
    (0..<width).map { self[$0, y].text }.joined()
  }

  /// The rows as text, each quoted so trailing blanks survive in snapshot files.
  public var quotedText: String {
    (0..<height).map { "\"" + row($0) + "\"" }.joined(separator: "\n")
  }

  /// One letter per cell for its role (see `StyleRole.maskLetter`), rows quoted.
  public var quotedStyleMask: String {
    (0..<height).map { y in
      "\"" + String((0..<width).map { self[$0, y].role.maskLetter }) + "\""
    }.joined(separator: "\n")
  }
}
