import Testing
@Test func placeholder_OvnipDashboardTests() { #expect(Bool(true)) }
