import Foundation

// Benchmarks print figures; they never assert. `make bench` runs all; pass names to pick.
let selected = Set(CommandLine.arguments.dropFirst())
func wanted(_ name: String) -> Bool { selected.isEmpty || selected.contains(name) }

if wanted("accounting") { await AccountingBench.run() }
if wanted("pipeline") { await PipelineBench.run() }
if wanted("render") { await RenderBench.run() }
