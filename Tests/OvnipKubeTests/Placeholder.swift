import Testing
@Test func placeholder_OvnipKubeTests() { #expect(Bool(true)) }
