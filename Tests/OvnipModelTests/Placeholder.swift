import Testing
@Test func placeholder_OvnipModelTests() { #expect(Bool(true)) }
