enum AccountingBench { static func run() async { print("AccountingBench: not written yet") } }
