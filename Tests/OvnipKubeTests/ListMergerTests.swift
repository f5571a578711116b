import Foundation
import OvnipModel
import Testing

@testable import OvnipKube

@Suite struct ListMergerTests {
  @Test func mergesPagesIntoOneListThatDecodes() throws {
    var merger = ListMerger()
    let first = try merger.add(page: Fixtures.list("IP", items: [Fixtures.ip("a"), Fixtures.ip("b")], rv: "77",
      continueToken: "tok1", remaining: 3))
    #expect(first.continueToken == "tok1")
    #expect(first.resourceVersion == "77")
    _ = try merger.add(page: Fixtures.list("IP", items: [], rv: "77", continueToken: "tok2"))
    let last = try merger.add(page: Fixtures.list("IP", items: [Fixtures.ip("c")], rv: "77"))
    #expect(last.continueToken == "")
    let merged = merger.merged()
    let list = try KubeList<IPCR>.decode(Data(merged), resource: "ips")
    #expect(list.items.map(\.metadata.name) == ["a", "b", "c"])
    #expect(list.resourceVersion == "77")
    #expect(list.continueToken == "")
    #expect(merged.text.hasPrefix(#"{"kind":"IPList","apiVersion":"kubeovn.io/v1","metadata":{"resourceVersion":"77"},"items":["#))
  }

  @Test func copiesItemsByteForByteEvenWithBracketsInStrings() throws {
    var merger = ListMerger()
    let pod = Fixtures.pod("p1")  // its last-applied annotation holds "}]{[" and escaped quotes
    _ = try merger.add(page: Fixtures.list("Pod", apiVersion: "v1", items: [pod]))
    #expect(merger.merged().text.contains(pod))
  }

  @Test func prettyPrintedPagesMergeToo() throws {
    var merger = ListMerger()
    let pretty = "{\n  \"kind\": \"NodeList\",\n  \"apiVersion\": \"v1\",\n  \"metadata\": {\"resourceVersion\": \"9\"},\n  \"items\": [\n    {\"metadata\": {\"name\": \"n1\"}}\n  ]\n}\n"
    _ = try merger.add(page: Array(pretty.utf8))
    let list = try KubeList<Node>.decode(Data(merger.merged()), resource: "nodes")
    #expect(list.items.map(\.metadata.name) == ["n1"])
  }

  struct Bad: Sendable {
    var body: String
    var says: String
  }

  @Test(arguments: [
    Bad(body: #"{"kind":"IPList","items":[{"metadata":"#, says: "truncated"),
    Bad(body: #"{"kind":"Status","apiVersion":"v1","status":"Failure","code":500}"#, says: "Status"),
    Bad(body: #"{"kind":"IPList","metadata":{}}"#, says: "no items"),
    Bad(body: "<html>bad gateway</html>", says: "unexpected byte"),
    Bad(body: "", says: "truncated"),
    Bad(body: #"{"kind":"IPList","items":{}}"#, says: "not an array"),
  ])
  func rejectsWhatIsNotAList(_ bad: Bad) {
    var merger = ListMerger()
    #expect {
      _ = try merger.add(page: Array(bad.body.utf8))
    } throws: { error in
      "\(error)".contains(bad.says)
    }
  }
}
