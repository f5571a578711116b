/// Neutralises strings from the cluster before they reach the terminal.
public enum Sanitize {
  /// Replaces C0/C1 control characters (ESC included, so no escape sequence survives), DEL,
  /// and bidi overrides with `?`. Text stays readable; nothing is interpreted by the terminal.
  public static func text(_ raw: String) -> String {
    guard raw.unicodeScalars.contains(where: isUnsafe) else { return raw }
    var out = String.UnicodeScalarView()
    for scalar in raw.unicodeScalars {
      out.append(isUnsafe(scalar) ? "?" : scalar)
    }
    return String(out)
  }

  static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
      || (0x2066...0x2069).contains(v)
  }
}
