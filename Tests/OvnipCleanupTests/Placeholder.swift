import Testing
@Test func placeholder_OvnipCleanupTests() { #expect(Bool(true)) }
