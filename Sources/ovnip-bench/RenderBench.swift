enum RenderBench { static func run() async { print("RenderBench: not written yet") } }
