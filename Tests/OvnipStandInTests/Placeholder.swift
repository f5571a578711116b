import Testing
@Test func placeholder_OvnipStandInTests() { #expect(Bool(true)) }
