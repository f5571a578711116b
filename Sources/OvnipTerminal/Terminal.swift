import CNcursesw
import Foundation
import OvnipDashboard
import OvnipRender

/// The ncurses terminal: the only code that calls ncurses. Use from one thread.
public final class Terminal {
  public private(set) var glyphs: Glyphs = .unicode
  public private(set) var depth: ColorDepth = .none
  private var window: OpaquePointer?
  private var shown: Screen?
  private var shownTheme: Theme?
  private var styles: [StyleRole: (attrs: attr_t, pair: Int16)] = [:]
  private var pairs: [Int32: Int16] = [:]
  private var active = false
  /// Consecutive reads that failed well before their timeout (a hung-up tty does that).
  private var fastFailures = 0

  public init() {}

  /// Starts curses: UTF-8 locale (else C.UTF-8, else ASCII glyphs), raw keys, colours.
  public func start(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
    setlocale(LC_ALL, "")
    if !Self.localeIsUTF8() {
      if setlocale(LC_CTYPE, "C.UTF-8") == nil || !Self.localeIsUTF8() { glyphs = .ascii }
    }
    guard let screen = initscr() else { throw TerminalError("cannot initialise the terminal (TERM=\(environment["TERM"] ?? "unset"))") }
    window = OpaquePointer(screen)
    active = true
    TerminalGuard.installAtExit()
    raw()
    noecho()
    nonl()
    keypad(screen, true)
    curs_set(0)
    set_escdelay(25)
    let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
    if has_colors() && !noColor {
      start_color()
      use_default_colors()
    }
    depth = ColorDepth.detect(colors: Int(cn_colors()), hasColors: has_colors(), noColor: noColor)
  }

  /// Gives the terminal back; safe to call twice.
  public func stop() {
    guard active else { return }
    active = false
    endwin()
  }

  /// The terminal size now.
  public var size: (width: Int, height: Int) {
    var y: Int32 = 0
    var x: Int32 = 0
    cn_getmaxyx(cn_stdscr(), &y, &x)
    return (Int(x), Int(y))
  }

  /// Waits up to `timeoutMilliseconds` for a key or a resize; nil on timeout.
  public func read(timeoutMilliseconds: Int32) -> TerminalInput? {
    guard let win = cn_stdscr() else { return nil }
    wtimeout(win, timeoutMilliseconds)
    var value: wint_t = 0
    let started = DispatchTime.now().uptimeNanoseconds
    let status = wget_wch(win, &value)
    if status == ERR {
      let elapsed = DispatchTime.now().uptimeNanoseconds - started
      fastFailures = elapsed < UInt64(timeoutMilliseconds) * 250_000 ? fastFailures + 1 : 0
      return fastFailures > 50 ? .hangup : nil
    }
    fastFailures = 0
    if status == KEY_CODE_YES {
      if Int32(value) == KEY_RESIZE {
        shown = nil
        let s = size
        return .resized(width: s.width, height: s.height)
      }
      return KeyDecoder.functionKey(Int32(value)).map(TerminalInput.key)
    }
    if status == OK { return KeyDecoder.character(UInt32(value)).map(TerminalInput.key) }
    return nil
  }

  /// Writes the cells that differ from what is on screen, then refreshes.
  public func draw(_ screen: Screen, theme: Theme) {
    guard let win = cn_stdscr() else { return }
    if shownTheme != theme {
      prepareStyles(theme)
      shownTheme = theme
      shown = nil
    }
    let previous = shown.flatMap { $0.width == screen.width && $0.height == screen.height ? $0 : nil }
    if previous == nil { werase(win) }
    for y in 0..<screen.height {
      for x in 0..<screen.width {
        let cell = screen[x, y]
        if let previous, previous[x, y] == cell { continue }
        if cell.text.isEmpty { continue }
        let style = styles[cell.role] ?? (0, 0)
        wattr_set(win, style.attrs, style.pair, nil)
        var wide = cell.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        wide.append(0)
        mvwaddnwstr(win, Int32(y), Int32(x), wide, Int32(wide.count - 1))
      }
    }
    wattr_set(win, 0, 0, nil)
    wrefresh(win)
    shown = screen
  }

  private func prepareStyles(_ theme: Theme) {
    styles = [:]
    for role in StyleRole.allCases {
      let style = theme.style(for: role)
      var attrs: attr_t = 0
      if style.bold { attrs |= cn_a_bold() }
      if style.reverse { attrs |= cn_a_reverse() }
      if style.underline { attrs |= cn_a_underline() }
      var pair: Int16 = 0
      if depth != .none {
        let fg = style.foreground.flatMap(depth.index).map(Int16.init) ?? -1
        let bg = style.background.flatMap(depth.index).map(Int16.init) ?? -1
        pair = colorPair(fg: fg, bg: bg)
      }
      styles[role] = (attrs, pair)
    }
  }

  private func colorPair(fg: Int16, bg: Int16) -> Int16 {
    if fg == -1 && bg == -1 { return 0 }
    let key = Int32(fg) << 16 | Int32(UInt16(bitPattern: bg))
    if let pair = pairs[key] { return pair }
    let next = Int16(pairs.count + 1)
    guard Int32(next) < min(cn_color_pairs(), 32767) else { return 0 }
    init_pair(next, fg, bg)
    pairs[key] = next
    return next
  }

  static func localeIsUTF8() -> Bool {
    guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
    let name = String(cString: codeset).uppercased()
    return name == "UTF-8" || name == "UTF8"
  }
}

/// A terminal failure with a one-line message.
public struct TerminalError: Error, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}
