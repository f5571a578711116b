import Testing
@Test func placeholder_OvnipRenderTests() { #expect(Bool(true)) }
