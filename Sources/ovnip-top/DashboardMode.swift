import Foundation

/// The interactive ncurses dashboard.
enum DashboardMode {
  static func run(_ command: OvnipTop) async throws { throw Fatal("the dashboard is not built yet") }
}
