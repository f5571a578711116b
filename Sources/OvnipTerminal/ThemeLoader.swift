import Foundation
import OvnipRender

/// Finds and reads theme files (I/O lives here; parsing is `ThemeParser`).
public enum ThemeLoader {
  /// The result of resolving `--theme`: the themes `t` cycles through (the chosen one first)
  /// and a one-line warning when the request could not be honoured.
  public struct Resolved: Sendable {
    public var themes: [Theme]
    public var warning: String?
  }

  /// Directories searched for `NAME.theme`, in order.
  public static func searchDirectories(environment: [String: String]) -> [String] {
    var dirs: [String] = []
    if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
      dirs.append(xdg + "/ovnip-top/themes")
    } else if let home = environment["HOME"], !home.isEmpty {
      dirs.append(home + "/.config/ovnip-top/themes")
    }
    let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent().path
    dirs.append(executable + "/../share/ovnip-top/themes")
    dirs.append(FileManager.default.currentDirectoryPath + "/themes")
    return dirs
  }

  /// Resolves `--theme NAME|PATH`; on any problem the default theme is used and `warning` says why.
  public static func resolve(
    _ request: String?, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> Resolved {
    let builtins = BuiltinThemes.all
    guard let request, !request.isEmpty else { return Resolved(themes: builtins) }
    let looksLikePath = request.contains("/") || request.hasSuffix(".theme")
    var candidates: [String] = []
    if looksLikePath {
      candidates = [request]
    } else {
      candidates = searchDirectories(environment: environment).map { "\($0)/\(request).theme" }
    }
    for path in candidates where FileManager.default.fileExists(atPath: path) {
      do {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let theme = try ThemeParser.parse(text, name: name, file: path)
        return Resolved(themes: [theme] + builtins.filter { $0.name != name })
      } catch let error as ThemeError {
        return Resolved(themes: builtins, warning: "\(error); using the default theme")
      } catch {
        return Resolved(themes: builtins, warning: "\(path): cannot read (\(error.localizedDescription)); using the default theme")
      }
    }
    if !looksLikePath, let builtin = BuiltinThemes.named(request) {
      return Resolved(themes: [builtin] + builtins.filter { $0.name != request })
    }
    let names = BuiltinThemes.sources.map(\.name).joined(separator: ", ")
    let where_ = looksLikePath ? request : candidates.joined(separator: ", ")
    return Resolved(
      themes: builtins,
      warning: "theme \"\(request)\" not found (looked in \(where_); built-in: \(names)); using the default theme")
  }
}
