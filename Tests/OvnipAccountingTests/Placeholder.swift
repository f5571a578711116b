import Testing
@Test func placeholder_OvnipAccountingTests() { #expect(Bool(true)) }
