enum PipelineBench { static func run() async { print("PipelineBench: not written yet") } }
